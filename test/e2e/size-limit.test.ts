// A data drop over MAX_DATASET_BYTES fails its run at once, naming the size and the limit.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runIdFor } from '../../src/domain/ids';
import { startPipeline, type Pipeline } from '../support/runtime';
import { TAXI_SPEC, taxiCsv } from '../support/taxi-data';

let p: Pipeline;
beforeAll(async () => {
  p = await startPipeline({ MAX_DATASET_BYTES: '1000' });
});
afterAll(() => p?.stop());

it('fails a file over the size limit without reading it, registers nothing', async () => {
  await p.drop('big', 'model.json', JSON.stringify(TAXI_SPEC));
  const csv = taxiCsv({ days: 2 });
  const etag = await p.drop('big', 'a.csv', csv);
  const run = await p.finishedRun('big', runIdFor('big/a.csv', etag));
  expect(run.status).toBe('failed');
  expect(run.error).toEqual({
    code: 'too_large',
    message: `big/a.csv is ${Buffer.byteLength(csv)} bytes, over the limit of 1000 bytes (MAX_DATASET_BYTES)`,
  });
  expect(await p.versions('big')).toEqual([]);
  expect(p.invocations.filter((i) => i.outcome === 'Failed')).toEqual([]);
});
