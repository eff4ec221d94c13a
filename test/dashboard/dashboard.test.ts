// The dashboard in a real browser against the local runtime with a trained model: versions
// table, charts, drift from seeded history, promotion through the UI, errors in words.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startPipeline, type Pipeline } from '../e2e/pipeline-harness';
import { runIdFor } from '../../src/pipeline/ids';
import { call, FUNCTION_KEY, OPERATOR_KEY } from '../serving/registry-api/api-client';
import { trainTwoTaxiVersions } from '../serving/support/trained-taxi';
import { chromiumPresent, launchChromium } from './browser';
import { seedDriftHistory } from './drift-seed';

let p: Pipeline;
let browser: Browser | undefined;
beforeAll(async () => {
  p = await startPipeline();
  if (chromiumPresent) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await p?.stop();
});

// Script errors in the page fail the test that caused them.
const pageErrors: string[] = [];
afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

/** A fresh tab (its own session storage) on the dashboard, signed in with `key` unless null. */
async function openDashboard(key: string | null = FUNCTION_KEY, hash = '#/'): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
  await page.goto(`${p.runtime.url}/${hash}`);
  if (key !== null) {
    await page.fill('#key-input', key);
    await page.click('#key-form button[type=submit]');
  }
  return page;
}

describe('the dashboard route', () => {
  it('redirects / to /api/dashboard/ and serves the page without a key', async () => {
    const root = await fetch(`${p.runtime.url}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/api/dashboard/']);
    const bare = await fetch(`${p.runtime.url}/api/dashboard`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/api/dashboard/']);
    const page = await fetch(`${p.runtime.url}/api/dashboard/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<script type="module" src="app.js">');
  });

  it('serves the scripts and uPlot as modules, 304 for an unchanged file', async () => {
    for (const file of ['app.js', 'pages/model.js', 'vendor/uPlot.esm.js', 'vendor/uPlot.min.css']) {
      const res = await fetch(`${p.runtime.url}/api/dashboard/${file}`);
      expect([file, res.status]).toEqual([file, 200]);
    }
    const first = await fetch(`${p.runtime.url}/api/dashboard/app.js`);
    expect(first.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const again = await fetch(`${p.runtime.url}/api/dashboard/app.js`, {
      headers: { 'if-none-match': first.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it.each([['nope.js'], ['pages%2F..%2F..%2Fhost.json'], ['pages'], ['index.html%00.js']])(
    'answers 404 naming an unknown file: %s',
    async (file) => {
      const res = await fetch(`${p.runtime.url}/api/dashboard/${file}`);
      expect(res.status).toBe(404);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('asset_not_found');
      expect(body.error.message).toMatch(/^The dashboard has no file "/);
    },
  );
});

describe.skipIf(!chromiumPresent)('the dashboard in chromium', () => {
  beforeAll(async () => {
    await trainTwoTaxiVersions(p);
  });

  it('lists the model with its production version and last run', async () => {
    const page = await openDashboard();
    const row = page.locator('#models tr[data-model=taxi]');
    await row.waitFor();
    const production = (await call(p, 'GET', '/models/taxi')).json.production as { version: number };
    expect(await row.innerText()).toContain(`v${production.version}`);
    expect(await row.innerText()).toContain('succeeded');
    await page.close();
  });

  it('renders the versions table with real metrics, gates and lineage, the metric charts and feature importance', async () => {
    const page = await openDashboard(FUNCTION_KEY, '#/models/taxi');
    await page.locator('#versions tbody tr').first().waitFor();
    const rows = await page.locator('#versions tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    const v1 = (await p.adapters.registry.getVersion('taxi', 1))!;
    const v1Row = await page.locator('#versions tr[data-version="1"]').innerText();
    expect(v1Row).toContain(v1.status);
    expect(v1Row).toContain(`rmse ${Number(v1.metrics.rmse!.toPrecision(4))}`);
    expect(v1Row).toContain(v1.lineage!.blobName);
    expect(v1Row).toMatch(/✓ all \d+ passed/);
    await page.locator('figure[data-chart="rmse across versions"] canvas').waitFor();
    await page.locator('figure[data-chart^="rmse by slice"] canvas').waitFor();
    expect(await page.locator('figure[data-chart^="rmse by slice"] figcaption').innerText()).toMatch(/zone=/);
    // The production version's inputs by importance, as the version document ranks them.
    const production = (await p.adapters.registry.getAlias('taxi', 'production'))!.version;
    const ranked = (await p.adapters.registry.getVersion('taxi', production))!.featureImportance!;
    const chart = page.locator(`figure[data-chart="Feature importance, version ${production}"]`);
    await chart.locator('canvas').waitFor();
    const caption = await chart.locator('figcaption').innerText();
    expect(caption.split(' · ').map((part) => part.split(':')[0])).toEqual(ranked.map((f) => f.feature));
    await page.close();
  });

  it('promotes a version through the UI, asking for the operator key, and the alias moves', async () => {
    const before = (await call(p, 'GET', '/models/taxi')).json.production as { version: number };
    const target = before.version === 1 ? 2 : 1;
    const page = await openDashboard(FUNCTION_KEY, '#/models/taxi');
    await page.click(`#versions tr[data-version="${target}"] button[data-action]`);
    await page.fill('#promote-dialog input[name=reason]', 'chosen in the dashboard test');
    await page.click('#promote-dialog button[type=submit]');
    // The function key is not enough for an operate route: the dialog asks for the operator key.
    await page.locator('#promote-dialog .operator-key:not([hidden])').waitFor();
    expect(await page.locator('#promote-dialog .dialog-message').innerText()).toContain(
      'needs the operate role',
    );
    await page.fill('#promote-dialog input[name=operator-key]', OPERATOR_KEY);
    await page.click('#promote-dialog button[type=submit]');
    await page.locator('#notice', { hasText: `Production now points at version ${target}` }).waitFor();
    const after = (await call(p, 'GET', '/models/taxi')).json.production as {
      version: number;
      reason: string;
    };
    expect(after.version).toBe(target);
    expect(after.reason).toContain('chosen in the dashboard test');
    expect(await page.locator('#production').innerText()).toContain(`Production: version ${target}`);
    // The README's screenshot is replaced only on request (UPDATE_SCREENSHOT=1), so a test run
    // leaves the checkout clean; otherwise it goes to the ignored dist/ folder.
    const shot = process.env.UPDATE_SCREENSHOT === '1' ? path.join(ROOT, 'docs') : path.join(ROOT, 'dist');
    mkdirSync(shot, { recursive: true });
    const bytes = await page.screenshot({ path: path.join(shot, 'dashboard.png'), fullPage: true });
    expect(bytes.length).toBeGreaterThan(10_000);
    await page.close();
  });

  it('shows a refused key in words and asks for it again', async () => {
    const page = await openDashboard('not-the-key');
    const error = page.locator('.error[data-kind=bad_key]');
    await error.waitFor();
    expect(await error.innerText()).toContain('The API refused the key');
    expect(await page.locator('#key-form').isVisible()).toBe(true);
    await page.close();
  });

  it('shows an unknown model and an unreachable API in words, never a blank page', async () => {
    const page = await openDashboard(FUNCTION_KEY, '#/models/no-such-model');
    const gone = page.locator('.error[data-kind=not_found]');
    await gone.waitFor();
    expect(await gone.innerText()).toContain('no-such-model');
    await page.route('**/api/models**', (route) => route.abort('internetdisconnected'));
    await page.goto(`${p.runtime.url}/api/dashboard/#/models/taxi/runs`); // same document: a hash change
    const down = page.locator('.error[data-kind=network]');
    await down.waitFor();
    expect(await down.innerText()).toContain('Cannot reach the API');
    await page.close();
  });

  it('shows runs with their status and the reason of a failed one, and a try-it form that predicts', async () => {
    await p.drop('taxi-bad', 'model.json', JSON.stringify({ target: 'trips' }));
    const etag = await p.drop('taxi-bad', 'no-target.csv', 'pickup_hour,zone\n1,Z01\n2,Z02\n');
    const failed = await p.finishedRun('taxi-bad', runIdFor('taxi-bad/no-target.csv', etag));
    expect(failed.status).toBe('failed');
    const page = await openDashboard(FUNCTION_KEY, '#/models/taxi-bad/runs');
    const row = page.locator('#runs tr[data-status=failed]');
    await row.waitFor();
    expect(await row.innerText()).toContain('✗ failed');
    expect(await row.innerText()).toContain(failed.error!.message);
    await page.goto(`${p.runtime.url}/api/dashboard/#/models/taxi/runs`); // same document: a hash change
    await page.locator('#runs tbody tr').first().waitFor();
    expect(await page.locator('#runs tbody tr[data-status=succeeded]').count()).toBe(2);
    await page.goto(`${p.runtime.url}/api/dashboard/#/models/taxi/try`); // same document: a hash change
    await page.locator('#try-form').waitFor();
    await page.click('#try-form button[type=submit]');
    await page.locator('#try-result .prediction').waitFor();
    expect(await page.locator('#try-result').innerText()).toMatch(/Prediction of version \d+: -?\d/);
    await page.close();
  });

  // The drift history route lands with the drift monitor; until then its data has no reader.
  const driftRoute = () => p.runtime.registrations.get('getDriftHistory') !== undefined;
  it('draws drift scores with their threshold and live error from the drift history', async (ctx) => {
    if (!driftRoute()) {
      console.warn('Skipping the drift page test: the app has no GET /api/models/{model}/drift yet');
      ctx.skip();
    }
    await seedDriftHistory(p.adapters.registry, 'taxi', 1);
    const page = await openDashboard(FUNCTION_KEY, '#/models/taxi/drift');
    await page.locator('figure[data-chart="Drift score per feature over time"] canvas').waitFor();
    const legend = await page.locator('figure[data-chart="Drift score per feature over time"]').innerText();
    expect(legend).toContain('temperature_c');
    expect(legend).toContain('threshold 0.1');
    await page.locator('figure[data-chart="Live rmse over time"] canvas').waitFor();
    expect(await page.locator('#latest-drift').innerText()).toContain('drift');
    expect(await page.locator('#latest-drift').innerText()).toContain('temperature_c');
    expect(await page.locator('#drift-history tbody tr').count()).toBe(4);
    await page.close();
  });
});
