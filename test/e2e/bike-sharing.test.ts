// The UCI bike sharing hourly data (17k rows) through the whole pipeline, when it is there.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIdFor } from '../../src/domain/ids';
import { BIKE_DATA, BIKE_SPEC, bikeDataPresent } from '../support/bike-data';
import { startPipeline, type Pipeline } from '../support/runtime';

const present = bikeDataPresent('the bike sharing pipeline test');

let p: Pipeline;
beforeAll(async () => {
  if (present) p = await startPipeline();
});
afterAll(() => p?.stop());

describe.skipIf(!present)('bike sharing', () => {
  it('registers a production version whose holdout RMSE is recorded', async () => {
    await p.drop('bikes', 'model.json', JSON.stringify(BIKE_SPEC));
    const etag = await p.drop('bikes', 'hour.csv', readFileSync(BIKE_DATA));
    const run = await p.finishedRun('bikes', runIdFor('bikes/hour.csv', etag), 120_000);
    expect(run.error).toBeUndefined();
    expect(run).toMatchObject({ status: 'succeeded', version: 1 });
    const v = (await p.adapters.registry.getVersion('bikes', 1))!;
    expect(v.status).toBe('production');
    expect(v.lineage).toMatchObject({ rows: 17379, columns: 17 });
    // Time-ordered holdout: the last 20% of days (3488 hours of late 2012). Measured: RMSE 71.6, r2 0.895.
    expect(v.metrics.count).toBe(3488);
    expect(v.metrics.rmse).toBeGreaterThan(60);
    expect(v.metrics.rmse).toBeLessThan(85);
    expect(v.metrics.r2).toBeGreaterThan(0.85);
    expect(v.gates.every((g) => g.passed)).toBe(true);
  });
});
