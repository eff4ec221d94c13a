// Champion and challenger through the local runtime: with deployment.promotion "shadow" a better
// second version goes on trial instead of replacing production; predict answers with production
// while the challenger's rows are logged beside them; feedback and the drift monitor promote it on
// live evidence. Then the challenger routes and `mlops challenger` by hand, canary routing and the
// bad input each gets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTaxiDemand } from '../../src/datagen/taxi-demand';
import { runIdFor } from '../../src/domain/ids';
import type { LogRow } from '../../src/domain/log-row';
import type { DriftHistoryItem } from '../../src/monitoring/drift/drift-record';
import { runCli, type CliResult } from '../cli/run-cli';
import { call, FEEDBACK_KEY, FUNCTION_KEY, OPERATOR_KEY } from '../serving/registry-api/api-client';
import { startPipeline, type Pipeline } from '../support/runtime';
import { uniqueName } from '../support/settings';
import { TAXI_SPEC, taxiCsv } from '../support/taxi-data';
import { waitFor } from '../support/wait';

const model = uniqueName('trial');
let p: Pipeline;

async function train(name: string, csv: string): Promise<void> {
  const etag = await p.drop(model, name, csv);
  const run = await p.finishedRun(model, runIdFor(`${model}/${name}`, etag), 90_000);
  expect(run.status).toBe('succeeded');
}

beforeAll(async () => {
  // Aliases are trusted for a second, so a promotion or a new trial is served a second later.
  p = await startPipeline({ ALIAS_CACHE_SECONDS: '1' });
  const spec = {
    ...TAXI_SPEC,
    validation: { refit: false },
    deployment: { promotion: 'shadow', minFeedback: 100 },
    // No drift or live-error limit is crossed here, so no automatic retrain adds a version.
    monitoring: { minSamples: 100, maxLiveErrorRatio: 100, driftThreshold: 10 },
  };
  await p.drop(model, 'model.json', JSON.stringify(spec));
  await train('noisy.csv', taxiCsv({ seed: 12, noise: 15 }));
  await train('clean.csv', taxiCsv({ seed: 12 }));
}, 240_000);
afterAll(() => p?.stop());

const summary = async () => (await call(p, 'GET', `/models/${model}`)).json;

async function logRows(): Promise<LogRow[]> {
  const rows: LogRow[] = [];
  for await (const blob of p.adapters.blobs.list(p.config.containers.predictionLogs, `${model}/`)) {
    const { data } = await p.adapters.blobs.downloadToBuffer(p.config.containers.predictionLogs, blob.name);
    for (const line of data.toString('utf8').split('\n')) if (line) rows.push(JSON.parse(line) as LogRow);
  }
  return rows;
}

const mlops = (...args: string[]): Promise<CliResult> =>
  runCli([...args, '--url', p.runtime.url, '--key', FUNCTION_KEY, '--operator-key', OPERATOR_KEY]);

describe('a challenger on live traffic', () => {
  it('a better version validated under deployment.promotion shadow goes on trial beside production', async () => {
    const s = await summary();
    expect(s.production).toMatchObject({ version: 1 });
    expect(s.challenger).toMatchObject({
      version: 2,
      trial: { mode: 'shadow', against: 1, origin: 'deployment' },
    });
    const v2 = await call(p, 'GET', `/models/${model}/versions/2`);
    expect(v2.json).toMatchObject({ status: 'challenger', trial: { comparisons: [] } });
  });

  it('production answers, the challenger is logged beside it, and live feedback promotes it', async () => {
    const rows = [...generateTaxiDemand({ days: 3, zones: 4, seed: 12 })];
    const answer = await call(p, 'POST', `/models/${model}/predict`, {
      body: { rows: rows.map(({ trips: _, ...inputs }) => inputs) },
    });
    expect(answer.status).toBe(200);
    expect(answer.json.version).toBe(1);
    const requestId = answer.json.requestId as string;
    await waitFor('both versions logged', async () => (await logRows()).length >= 2 * rows.length, 30_000);
    const logged = (await logRows()).filter((r) => r.requestId === requestId);
    expect(logged.filter((r) => r.version === 1 && r.shadow === undefined)).toHaveLength(rows.length);
    expect(logged.filter((r) => r.version === 2 && r.shadow === true)).toHaveLength(rows.length);

    const feedback = await call(p, 'POST', `/models/${model}/feedback`, {
      key: FEEDBACK_KEY,
      body: { items: rows.map((r, row) => ({ requestId, row, actual: r.trips })) },
    });
    expect(feedback.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1001 - (Date.now() % 1000))); // into the next second
    await p.runNow('monitorDrift');
    await waitFor(
      'the drift report',
      async () => {
        const h = await call(p, 'GET', `/models/${model}/drift`);
        return ((h.json.items as unknown[] | undefined) ?? []).length > 0;
      },
      30_000,
    );
    const [report] = (await call(p, 'GET', `/models/${model}/drift`)).json.items as DriftHistoryItem[];
    expect(report!.challenger).toMatchObject({
      version: 2,
      outcome: 'promoted',
      comparison: { rows: rows.length, unpaired: 0, test: 'paired_t', decision: 'promote' },
    });
    expect(report!.liveError).toMatchObject({ matched: rows.length });
    expect(report!.retrain).toBeNull();
    const s = await summary();
    expect(s.production).toMatchObject({ version: 2 });
    expect(s.challenger).toBeUndefined();
    const v2 = await call(p, 'GET', `/models/${model}/versions/2`);
    expect(v2.json).toMatchObject({ status: 'production', trial: { outcome: 'promoted' } });
    expect((await call(p, 'GET', `/models/${model}/versions/1`)).json.status).toBe('archived');
  });

  it('by hand: mlops challenger retire and set, canary routing by x-routing-key, and what each refuses', async () => {
    // v3 validates against production v2 and goes on trial in shadow by the spec.
    await train('more.csv', taxiCsv({ seed: 13 }));
    expect((await summary()).challenger).toMatchObject({ version: 3 });

    const retired = await mlops('challenger', 'retire', model, '--reason', 'try a canary');
    expect(retired).toEqual({ code: 0, stdout: `${model}: challenger version 3 retired\n`, stderr: '' });
    const none = await mlops('challenger', 'retire', model);
    expect([none.code, none.stdout]).toEqual([1, '']);
    expect(none.stderr).toBe(`mlops: Model "${model}" has no challenger to retire (404 no_challenger)\n`);

    const archived = await mlops('challenger', 'set', model, '1');
    expect(archived.code).toBe(1);
    expect(archived.stderr).toMatch(
      /^mlops: Version 1 of ".+" is archived .*: only a validated version can be a challenger \(409 version_not_validated\)\n$/,
    );
    const set = await mlops('challenger', 'set', model, '3', '--mode', 'canary', '--share', '0.5');
    expect(set).toEqual({
      code: 0,
      stdout: `${model}: version 3 on trial (canary, 50% of requests) against version 2\n`,
      stderr: '',
    });
    const second = await call(p, 'POST', `/models/${model}/aliases/challenger`, {
      key: OPERATOR_KEY,
      body: { version: 3, mode: 'shadow' },
    });
    expect([second.status, second.json.error?.code]).toEqual([409, 'challenger_exists']);
    const production = await call(p, 'POST', `/models/${model}/aliases/challenger`, {
      key: OPERATOR_KEY,
      body: { version: 2, mode: 'shadow' },
    });
    expect(production.status).toBe(409);
    const badShare = await call(p, 'POST', `/models/${model}/aliases/challenger`, {
      key: OPERATOR_KEY,
      body: { version: 3, mode: 'canary', share: 1.5 },
    });
    expect(badShare.status).toBe(400);
    expect(badShare.json.error?.message).toMatch(/share/);
    const shadowShare = await call(p, 'POST', `/models/${model}/aliases/challenger`, {
      key: OPERATOR_KEY,
      body: { version: 3, mode: 'shadow', share: 0.2 },
    });
    expect([shadowShare.status, shadowShare.json.error?.message]).toEqual([
      400,
      'Invalid challenger request: share: is for mode "canary" only: a shadow challenger answers no request',
    ]);
    const predictKey = await call(p, 'DELETE', `/models/${model}/aliases/challenger`, { key: FUNCTION_KEY });
    expect(predictKey.status).toBe(403);
    expect(predictKey.json.error?.message).toMatch(/operate/);

    // Canary: each routing key keeps its side; both sides answer some keys.
    await new Promise((r) => setTimeout(r, 1100)); // past the alias cache
    const row = { ...generateTaxiDemand({ start: '2025-02-10', days: 1, zones: 1, seed: 3 }).next().value };
    delete (row as { trips?: number }).trips;
    const sides = new Map<string, number>();
    for (let i = 0; i < 24; i++) {
      const key = `client-${i}`;
      const first = await call(p, 'POST', `/models/${model}/predict`, {
        body: { rows: [row] },
        headers: { 'x-routing-key': key },
      });
      const again = await call(p, 'POST', `/models/${model}/predict`, {
        body: { rows: [row] },
        headers: { 'x-routing-key': key },
      });
      expect([key, again.json.version]).toEqual([key, first.json.version]);
      sides.set(key, first.json.version as number);
    }
    expect(new Set(sides.values())).toEqual(new Set([2, 3]));
  });
});
