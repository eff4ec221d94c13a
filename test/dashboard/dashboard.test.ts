// The dashboard in a real browser against the local runtime with a trained model: versions
// table, charts, drift from seeded history, promotion through the UI, errors in words.
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPipeline, type Pipeline } from '../support/runtime';
import { ROOT } from '../support/settings';
import { trainTwoTaxiVersions, TAXI_SPEC, taxiCsv, withBlankTargets } from '../support/taxi-data';
import { runIdFor } from '../../src/domain/ids';
import { call, FUNCTION_KEY, OPERATOR_KEY } from '../serving/registry-api/api-client';
import { chromiumPresent, launchChromium } from './browser';
import { seedDriftHistory } from './drift-seed';
import type { TrainingProfile } from '../../src/ml/profile/types';

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

interface LabelFit {
  angle: number;
  slot: number;
  widest: number;
  shown: number;
}

/** In the page: the bar chart's shown labels, measured in uPlot's axis font, and its layout. */
function measureLabels(el: unknown): LabelFit {
  type Ctx = { font: string; measureText(t: string): { width: number } };
  const doc = (
    globalThis as unknown as { document: { createElement(t: 'canvas'): { getContext(k: '2d'): Ctx } } }
  ).document;
  const ctx = doc.createElement('canvas').getContext('2d');
  ctx.font = '12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif';
  const data = (el as { dataset: Record<string, string | undefined> }).dataset;
  const shown = (data.xTicks ?? '').split('|');
  return {
    angle: Number(data.labelAngle),
    slot: Number(data.slotPx),
    widest: Math.max(...shown.map((l) => ctx.measureText(l).width)),
    shown: shown.length,
  };
}

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
    // leaves the checkout clean (and dist/, which is deployed); otherwise it goes to a temp folder.
    const shot = process.env.UPDATE_SCREENSHOT === '1' ? path.join(ROOT, 'docs') : os.tmpdir();
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

  it('says on the run and the version what training left out', async () => {
    await p.drop('taxi-gaps', 'model.json', JSON.stringify(TAXI_SPEC));
    const etag = await p.drop('taxi-gaps', 'gaps.csv', withBlankTargets(taxiCsv({ days: 6, zones: 2 }), 9));
    expect((await p.finishedRun('taxi-gaps', runIdFor('taxi-gaps/gaps.csv', etag), 120_000)).status).toBe(
      'succeeded',
    );
    const page = await openDashboard(FUNCTION_KEY, '#/models/taxi-gaps/runs');
    const onRun = page.locator('#runs tbody tr .left-out li[data-reason=missing_target]');
    await onRun.waitFor();
    expect(await onRun.innerText()).toBe('9 rows without a value for target "trips"');
    await page.goto(`${p.runtime.url}/api/dashboard/#/models/taxi-gaps`); // same document: a hash change
    const onVersion = page.locator('#versions tr[data-version="1"] .left-out li[data-reason=missing_target]');
    await onVersion.waitFor();
    expect(await onVersion.innerText()).toBe('9 rows without a value for target "trips"');
    await page.close();
  });

  it('lists a model whose runs all failed, with why, and keeps a failed-run table within 1280 px', async () => {
    await p.drop('all-failed', 'model.json', JSON.stringify({ target: 'trips' }));
    // A long name with no break in it: the runs table wraps it rather than widening the page.
    const name = `${'no-target-'.repeat(12)}export.csv`;
    const etag = await p.drop('all-failed', name, 'pickup_hour,zone\n1,Z01\n2,Z02\n');
    const failed = await p.finishedRun('all-failed', runIdFor(`all-failed/${name}`, etag));
    const page = await openDashboard();
    const row = page.locator('#models tr[data-model=all-failed]');
    await row.waitFor();
    expect(await row.innerText()).toContain('no version');
    expect(await row.innerText()).toContain('✗ failed');
    expect(await row.innerText()).toContain(failed.error!.message);
    await page.goto(`${p.runtime.url}/api/dashboard/#/models/all-failed/runs`); // a hash change
    await page.locator('#runs tr[data-status=failed]').waitFor();
    const widths = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
        .document;
      return [doc.documentElement.scrollWidth, (globalThis as unknown as { innerWidth: number }).innerWidth];
    });
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
    await page.close();
  });

  it('fills the try-it form with training values and shows only the prediction of a regression', async () => {
    const production = (await p.adapters.registry.getAlias('taxi', 'production'))!.version;
    const version = (await p.adapters.registry.getVersion('taxi', production))!;
    const profile = version.trainingProfile as unknown as {
      timeRanges: Record<string, { max: string }>;
      columns: Record<string, { categories: { value: string }[] }>;
    };
    const page = await openDashboard(FUNCTION_KEY, '#/models/taxi/try');
    await page.locator('#try-form').waitFor();
    // Inside the training range (not today), and the usual boolean (not always true).
    expect(await page.inputValue('#in-pickup_hour')).toBe(profile.timeRanges.pickup_hour!.max.slice(0, 16));
    expect(await page.inputValue('#in-is_holiday')).toBe(profile.columns.is_holiday!.categories[0]!.value);
    await page.click('#try-form button[type=submit]');
    await page.locator('#try-result .prediction').waitFor();
    const text = await page.locator('#try-result').innerText();
    expect(text).not.toContain('null');
    expect(await page.locator('#try-result p').count()).toBe(2); // the prediction and the request id
    await page.close();
  });

  it('draws one version on its own tick, and slants or thins slice labels that would overlap', async () => {
    await p.drop('taxi-one', 'model.json', JSON.stringify({ ...TAXI_SPEC, params: { nEstimators: 10 } }));
    const etag = await p.drop('taxi-one', 'one.csv', taxiCsv({ days: 10, zones: 8 }));
    expect((await p.finishedRun('taxi-one', runIdFor('taxi-one/one.csv', etag))).status).toBe('succeeded');
    const ticks = async (page: Page, chart: string) => {
      const figure = page.locator(`figure[data-chart="${chart}"]`);
      await figure.locator('canvas').waitFor();
      return figure.getAttribute('data-x-ticks');
    };
    const page = await openDashboard(FUNCTION_KEY, '#/models/taxi-one');
    expect(await ticks(page, 'rmse across versions')).toBe('v1');
    await page.goto(`${p.runtime.url}/api/dashboard/#/models/taxi`);
    expect(await ticks(page, 'rmse across versions')).toBe('v1|v2');
    await page.close();
    for (const width of [1280, 480]) {
      const narrow = await browser!.newPage({ viewport: { width, height: 800 } });
      narrow.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
      await narrow.goto(`${p.runtime.url}/#/models/taxi-one`);
      await narrow.fill('#key-input', FUNCTION_KEY);
      await narrow.click('#key-form button[type=submit]');
      const figure = narrow.locator('figure[data-chart^="rmse by slice"]');
      await figure.locator('canvas').waitFor();
      // Level labels must each fit their slot; slanted ones need a slanted line's spacing.
      const fit = await figure.evaluate(measureLabels);
      expect(fit.shown).toBeGreaterThan(0);
      if (fit.angle === 0) expect(fit.widest).toBeLessThanOrEqual(fit.slot);
      else expect(fit.slot).toBeGreaterThanOrEqual(16 * Math.SQRT2);
      if (width === 480) expect(fit.angle).toBe(-45);
      await narrow.close();
    }
  });

  const trainingProfile = async (): Promise<TrainingProfile> => {
    const v = await p.adapters.registry.getVersion('taxi', 1);
    return v!.trainingProfile as unknown as TrainingProfile;
  };

  it('draws drift scores with their threshold, live error, and each distribution over its reference', async () => {
    const profile = await trainingProfile();
    await seedDriftHistory(p.adapters.registry, 'taxi', 1, profile);
    const page = await openDashboard(FUNCTION_KEY, '#/models/taxi/drift');
    await page.locator('figure[data-chart="Drift score per feature over time"] canvas').waitFor();
    const legend = await page.locator('figure[data-chart="Drift score per feature over time"]').innerText();
    expect(legend).toContain('temperature_c');
    expect(legend).toContain('threshold 0.1');
    await page.locator('figure[data-chart="Live rmse over time"] canvas').waitFor();
    const latest = await page.locator('#latest-drift').innerText();
    expect(latest).toContain('drift');
    expect(latest).toContain(`top input ${Object.keys(profile.columns)[0]} drifted`);
    expect(await page.locator('#drift-history tbody tr').count()).toBe(4);
    // One overlay per profiled input and one for the predictions, each with both distributions.
    const overlays = page.locator('.overlay');
    await overlays.first().locator('canvas').waitFor();
    expect(await overlays.count()).toBe(Object.keys(profile.columns).length + 1);
    expect(await page.locator('#drift-reference').innerText()).toBe(
      'Reference: the training profile of version 1.',
    );
    const temperature = page.locator('.overlay[data-column="temperature_c"]');
    const legendText = await temperature.innerText();
    expect(legendText).toContain('training');
    expect(legendText).toContain('this window');
    // Numeric bins are named by their edges, from "≤ first cut" to "> last cut".
    const temperatureProfile = profile.columns.temperature_c!;
    if (temperatureProfile.type !== 'numeric') throw new Error('temperature_c should be numeric');
    expect(legendText).toContain(`≤ ${Number(temperatureProfile.cuts[0]!.toPrecision(4))}`);
    expect(legendText).toContain('> ');
    const weather = await page.locator('.overlay[data-column="weather"] figcaption').innerText();
    const weatherProfile = profile.columns.weather!;
    if (weatherProfile.type !== 'categorical') throw new Error('weather should be categorical');
    for (const c of weatherProfile.categories) expect(weather).toContain(`${c.value}:`);
    await page.close();
  });

  it('shows a data-quality check as such, with no red drift for inputs it could not score', async () => {
    const profile = await trainingProfile();
    const first = Object.keys(profile.columns)[0]!;
    await seedDriftHistory(p.adapters.registry, 'taxi', 1, profile, {
      start: '2026-11-28T09:00:00.000Z',
      count: 1,
      latest: 'data_quality',
    });
    const page = await openDashboard(FUNCTION_KEY, '#/models/taxi/drift');
    await page.locator('#latest-drift').waitFor();
    expect(await page.locator('#latest-drift .badge').innerText()).toContain('data quality');
    const row = page.locator(`#drift-features tr[data-column="${first}"]`);
    expect(await row.locator('td').nth(0).innerText()).toContain('not enough data');
    expect(await row.locator('td').nth(0).innerText()).toContain('only 0 readable values');
    expect(await row.locator('td').nth(6).innerText()).toContain('100% (training 0%)');
    expect(await row.locator('td').nth(6).innerText()).toContain('data quality');
    expect(await page.locator('#drift-features .badge-drift').count()).toBe(0);
    expect(await page.locator('#drift-history tbody tr').first().innerText()).toContain('data quality');
    await page.close();
  });

  it('draws a single drift check on the hour around it, not on an axis of years', async () => {
    const profile = await trainingProfile();
    await seedDriftHistory(p.adapters.registry, 'taxi-one', 1, profile, { count: 1 });
    const page = await openDashboard(FUNCTION_KEY, '#/models/taxi-one/drift');
    const figure = page.locator('figure[data-chart="Drift score per feature over time"]');
    await figure.locator('canvas').waitFor();
    expect(await figure.getAttribute('data-x-span')).toBe('3600');
    await page.close();
  });

  it('shows the challenger beside production and its live comparison, check by check', async () => {
    const production = (await p.adapters.registry.getAlias('taxi', 'production'))!.version;
    const other = production === 1 ? 2 : 1;
    const since = new Date(Date.now() - 7_200_000).toISOString();
    const trial = { mode: 'canary', share: 0.25, since, against: production, origin: 'manual' } as const;
    const comparison = (hoursAgo: number, rows: number, pValue: number | null, decision: string) => ({
      checkedAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
      productionVersion: production,
      rows,
      unpaired: 4,
      minRows: 200,
      errorMetric: 'absolute_error' as const,
      productionError: 5.5,
      challengerError: 4.25,
      test: 'paired_t' as const,
      statistic: 2.5,
      pValue,
      alpha: 0.05,
      decision: decision as 'continue',
      reason: pValue === null ? `${rows} of 200 paired feedback rows so far` : 'no significant difference',
    });
    await p.adapters.registry.updateVersion('taxi', other, {
      status: 'challenger',
      trial: {
        ...trial,
        comparisons: [comparison(2, 120, null, 'continue'), comparison(1, 260, 0.08, 'continue')],
      },
    });
    await p.adapters.registry.setAlias('taxi', 'challenger', other, null, 'dashboard test', trial);
    try {
      const page = await openDashboard(FUNCTION_KEY, '#/models/taxi');
      await page.locator('#challenger').waitFor();
      expect(await page.locator('#challenger').innerText()).toMatch(
        new RegExp(
          `^Challenger: version ${other} on trial \\(canary 25%\\) since .+, against version ${production}\\.$`,
        ),
      );
      const row = page.locator(`#versions tr[data-version="${other}"]`);
      expect(await row.innerText()).toContain('challenger');
      // An operator may end the trial early by promoting it.
      expect(await row.locator('button[data-action="promote"]').innerText()).toBe(`Promote v${other}`);
      const latest = await page.locator('#trial-latest').innerText();
      expect(latest).toMatch(/Paired rows\s+260 of 200 needed/);
      expect(latest).toMatch(/p-value\s+0\.08/);
      expect(latest).toMatch(/Decision\s+continue: no significant difference/);
      const chart = page.locator(`figure[data-chart="Live error, version ${other} vs production"]`);
      await chart.locator('canvas').waitFor();
      expect(Number(await chart.getAttribute('data-x-span'))).toBeGreaterThan(3000);
      await page.close();
    } finally {
      const alias = await p.adapters.registry.getAlias('taxi', 'challenger');
      if (alias) await p.adapters.registry.deleteAlias('taxi', 'challenger', alias.etag);
      await p.adapters.registry.updateVersion('taxi', other, { status: 'validated' });
    }
  });
});
