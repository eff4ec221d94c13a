import { expect } from 'vitest';
import { runIdFor } from '../../../src/domain/ids';
import type { Pipeline } from '../../e2e/pipeline-harness';
import { TAXI_SPEC, taxiCsv } from '../../e2e/taxi-data';

/** Trains model `taxi` through the running app on two drops (seeds 7 and 8): versions 1 and 2. */
export async function trainTwoTaxiVersions(p: Pipeline): Promise<void> {
  await p.drop('taxi', 'model.json', JSON.stringify({ ...TAXI_SPEC, params: { nEstimators: 20 } }));
  for (const [name, seed] of [
    ['a.csv', 7],
    ['b.csv', 8],
  ] as const) {
    const etag = await p.drop('taxi', name, taxiCsv({ days: 10, seed }));
    expect((await p.finishedRun('taxi', runIdFor(`taxi/${name}`, etag))).status).toBe('succeeded');
  }
}
