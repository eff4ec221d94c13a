// Issue 13's target through the system: the bike data up to 2012-09 dropped with the README's
// spec, then 2012-Q4 predicted over HTTP; the RMSE must be no worse than scikit-learn's.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIdFor } from '../../src/domain/ids';
import { call } from '../serving/registry-api/api-client';
import { BIKE_DATA, BIKE_SPEC, bikeDataPresent, bikeQ4Split } from '../support/bike-data';
import { startPipeline, type Pipeline } from '../support/runtime';

// scikit-learn 1.2 (Debian python3-sklearn) HistGradientBoostingRegressor with our default
// settings (100 trees, learning rate 0.1, depth 6, 31 leaves, 20 rows per leaf, 255 bins, no
// early stopping) trained on the same rows (up to 2012-09, our feature matrix) and scored on
// 2012-Q4: `npm run bench:accuracy`, case bike-q4. A constant so the test needs no Python.
const SKLEARN_Q4_RMSE = 75.93;

const present = bikeDataPresent('the bike 2012-Q4 accuracy test');

let p: Pipeline;
beforeAll(async () => {
  if (present) p = await startPipeline();
});
afterAll(() => p?.stop());

describe.skipIf(!present)('bike sharing 2012-Q4 through the system', () => {
  it('serves a model refit on all rows whose Q4 RMSE is at most scikit-learn trained on the same rows', async () => {
    const { train, q4 } = bikeQ4Split(readFileSync(BIKE_DATA, 'utf8'));
    await p.drop('bikes', 'model.json', JSON.stringify(BIKE_SPEC));
    const etag = await p.drop('bikes', 'to-2012-09.csv', train);
    const run = await p.finishedRun('bikes', runIdFor('bikes/to-2012-09.csv', etag), 120_000);
    expect(run).toMatchObject({ status: 'succeeded', version: 1 });
    const v = (await p.adapters.registry.getVersion('bikes', 1))!;
    expect(v.refit?.rows).toBe(v.lineage!.rows);
    const answer = await call(p, 'POST', '/models/bikes/predict', { body: { rows: q4 } });
    expect(answer.status).toBe(200);
    const predictions = answer.json.predictions as number[];
    expect(predictions).toHaveLength(q4.length);
    const rmse = Math.sqrt(predictions.reduce((s, y, i) => s + (y - Number(q4[i]!.cnt)) ** 2, 0) / q4.length);
    // Measured: 74.58 (79.97 with validation.refit false, the served model missing the holdout).
    expect(rmse).toBeLessThanOrEqual(SKLEARN_Q4_RMSE);
  });
});
