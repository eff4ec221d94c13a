// One version per distinct data and spec; a model identical to production is not promoted.
import { describe, expect, it } from 'vitest';
import { TAXI_SPEC, taxiCsv } from '../../support/taxi-data';
import { registerRun, trainDrop, validateRun } from '../chain';
import { memoryDeps } from '../memory-ports';

describe('duplicate drops', () => {
  it('the same data and spec again ends as a succeeded run naming the version, with no new version', async () => {
    const deps = memoryDeps();
    deps.memory.registry.specs.set('m', TAXI_SPEC);
    const first = await trainDrop(deps, 'm', 'jan.csv', taxiCsv({ days: 10 }));
    await registerRun(deps, await validateRun(deps, first));
    const sentBefore = deps.memory.sent.length;
    const again = await trainDrop(deps, 'm', 'jan-copy.csv', taxiCsv({ days: 10 }));
    expect(await deps.registry.getRun('m', again)).toMatchObject({
      status: 'succeeded',
      duplicateOf: 1,
      message: expect.stringMatching(
        /^already trained as version 1: same data \(sha256 [0-9a-f]{12}\) and spec$/,
      ),
    });
    expect(await deps.registry.getVersion('m', 2)).toBeUndefined();
    expect(deps.memory.sent.length).toBe(sentBefore); // nothing asked of validation
    expect((await deps.registry.getAlias('m', 'production'))?.version).toBe(1);
  });

  it('the same data under another spec trains; scores equal to production exactly are not promoted', async () => {
    const deps = memoryDeps();
    deps.memory.registry.specs.set('m', TAXI_SPEC);
    const first = await trainDrop(deps, 'm', 'jan.csv', taxiCsv({ days: 10 }));
    await registerRun(deps, await validateRun(deps, first));
    // A monitoring setting changes the spec, not the model.
    deps.memory.registry.specs.set('m', { ...TAXI_SPEC, monitoring: { minSamples: 500 } });
    const second = await trainDrop(deps, 'm', 'jan.csv', taxiCsv({ days: 10 }), {
      trigger: 'manual',
      reason: 'by hand',
      requestedAt: '2025-02-01T00:00:00.000Z',
    });
    const outcome = await registerRun(deps, await validateRun(deps, second));
    expect(outcome).toMatchObject({ kind: 'rejected', version: 2 });
    const v2 = (await deps.registry.getVersion('m', 2))!;
    expect(v2.gates.find((g) => g.gate?.check === 'champion_equal')).toEqual({
      passed: false,
      reason: "scores exactly equal to production v1's on all 192 holdout rows: the same model, not promoted",
      gate: { check: 'champion_equal' },
    });
    expect((await deps.registry.getAlias('m', 'production'))?.version).toBe(1);
  });

  it('of two identical drops arriving together, one trains and the other says which run does', async () => {
    const deps = memoryDeps();
    deps.memory.registry.specs.set('m', TAXI_SPEC);
    const csv = taxiCsv({ days: 10 });
    const [a, b] = await Promise.all([
      trainDrop(deps, 'm', 'a.csv', csv),
      trainDrop(deps, 'm', 'b.csv', csv),
    ]);
    const runs = [(await deps.registry.getRun('m', a))!, (await deps.registry.getRun('m', b))!];
    const trained = runs.filter((r) => r.message === undefined);
    const waiting = runs.filter((r) => r.message !== undefined);
    expect(trained).toHaveLength(1);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ status: 'succeeded' });
    expect(waiting[0]!.message).toMatch(
      new RegExp(
        `^not trained again: run ${trained[0]!.id} is training the same data \\(sha256 [0-9a-f]{12}\\) with the same spec; its version is this drop's$`,
      ),
    );
    expect(await deps.registry.getVersion('m', 2)).toBeUndefined();
    expect(deps.memory.sent.filter((s) => s.queue === 'validate-requests')).toHaveLength(1);
  });

  it('a claim whose run failed is taken over by the next identical drop', async () => {
    const deps = memoryDeps();
    deps.memory.registry.specs.set('m', TAXI_SPEC);
    const csv = taxiCsv({ days: 10 });
    const first = await trainDrop(deps, 'm', 'a.csv', csv);
    // The first run failed after its claim (e.g. its version could not be registered).
    const run = (await deps.registry.getRun('m', first))!;
    deps.memory.registry.runs.set(`m:${first}`, { ...run, status: 'failed' });
    deps.memory.registry.versions.clear();
    const again = await trainDrop(deps, 'm', 'b.csv', csv);
    expect((await deps.registry.getRun('m', again))?.message).toBeUndefined();
    expect(await deps.registry.getVersion('m', 1)).toMatchObject({ runId: again });
  });
});
