// The champion is compared only on holdout rows it never trained on: overlapping drops on the
// memory ports, by time (spec with a time column) and by row hashes (without one).
import { describe, expect, it } from 'vitest';
import { TAXI_SPEC, taxiCsv } from '../../support/taxi-data';
import { parseHoldout } from '../../../src/pipeline/train/holdout-file';
import { registerRun, trainDrop, validateRun } from '../chain';
import { memoryDeps, type MemoryDeps } from '../memory-ports';

async function champion(spec: object, days: number): Promise<MemoryDeps> {
  const deps = memoryDeps();
  deps.memory.registry.specs.set('m', spec);
  const run = await trainDrop(deps, 'm', 'first.csv', taxiCsv({ days }));
  expect(await registerRun(deps, await validateRun(deps, run))).toMatchObject({ kind: 'promoted' });
  return deps;
}

async function challenge(deps: MemoryDeps, days: number): Promise<void> {
  const run = await trainDrop(deps, 'm', 'second.csv', taxiCsv({ days }));
  await registerRun(deps, await validateRun(deps, run));
}

describe('fair champion comparison', () => {
  it('with a time column, compares on the holdout rows later than the champion trained on', async () => {
    const deps = await champion(TAXI_SPEC, 10);
    await challenge(deps, 12); // days 1-10 again plus days 11 and 12
    const v2 = (await deps.registry.getVersion('m', 2))!;
    // 12 days x 24 h x 4 zones; the holdout is hours 230..287 (232 rows); v1, refit on all of
    // days 1-10, saw hours up to 239, so hours 240..287 (192 rows) are compared.
    expect(v2.comparison).toEqual({
      championVersion: 1,
      basis: 'time',
      rows: 192,
      holdoutRows: 232,
      compared: true,
      reason:
        "192 of 232 holdout rows are later than production v1's training data (pickup_hour after 2025-01-10 23:00:00)",
    });
    expect(v2.gates.find((g) => g.gate?.check === 'champion')?.reason).toBe(v2.comparison!.reason);
    expect(v2.gates.some((g) => /^rmse [0-9.]+ vs production v1 [0-9.]+/.test(g.reason))).toBe(true);
  });

  it('below validation.minRows, says so and decides on the absolute gates alone', async () => {
    const deps = await champion({ ...TAXI_SPEC, validation: { minRows: 200 } }, 10);
    await challenge(deps, 12);
    const v2 = (await deps.registry.getVersion('m', 2))!;
    expect(v2.comparison).toMatchObject({ basis: 'time', rows: 192, compared: false });
    expect(v2.comparison!.reason).toMatch(
      /, fewer than validation\.minRows 200: not compared, judged on the absolute gates alone$/,
    );
    expect(v2.gates.find((g) => g.gate?.metric === 'rmse' && g.gate.minAbsoluteChange !== undefined)).toEqual(
      {
        passed: true,
        reason: 'rmse: not compared with production v1 (192 holdout rows it never saw)',
        gate: expect.any(Object),
      },
    );
    expect(v2.status).toBe('production');
  });

  it('without a time column, leaves out the holdout rows among the champion training rows', async () => {
    const spec = { target: 'trips', params: { nEstimators: 40 } };
    const deps = await champion(spec, 10);
    await challenge(deps, 12);
    const v2 = (await deps.registry.getVersion('m', 2))!;
    const file = deps.memory.blobs.files.get('models/m/2/holdout.jsonl')!.data.toString();
    const records = parseHoldout(file).records;
    // The generator is deterministic: days 1-10 of the second drop are the first drop's rows.
    const unseen = records.filter((r) => String(r.pickup_hour) >= '2025-01-11').length;
    expect(unseen).toBeGreaterThan(30);
    expect(unseen).toBeLessThan(records.length);
    expect(v2.comparison).toMatchObject({
      basis: 'rows',
      rows: unseen,
      holdoutRows: records.length,
      compared: true,
    });
    expect(v2.comparison!.reason).toBe(
      `${unseen} of ${records.length} holdout rows are not among production v1's 960 training rows`,
    );
  });
});
