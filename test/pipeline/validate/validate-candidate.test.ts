import { describe, expect, it } from 'vitest';
import { TAXI_SPEC, taxiCsv } from '../../support/taxi-data';
import { registerRun, trainDrop, validateRun } from '../chain';
import { memoryDeps } from '../memory-ports';

describe('validateCandidate', () => {
  it('scores the holdout with ONNX Runtime, matching the engine, and stores metrics, slices and gates', async () => {
    const deps = memoryDeps();
    deps.memory.registry.specs.set('taxi', TAXI_SPEC);
    const runId = await trainDrop(deps, 'taxi', 'a.csv', taxiCsv({ days: 10 }));
    const request = await validateRun(deps, runId);
    expect(request).toMatchObject({
      schema: 1,
      kind: 'register',
      model: 'taxi',
      runId,
      version: 1,
      passed: true,
    });
    expect(request.championVersion).toBeUndefined();
    const v = (await deps.registry.getVersion('taxi', 1))!;
    expect(v.metrics.count).toBe(192);
    expect(v.metrics.r2).toBeGreaterThan(0.5);
    expect(v.gates.map((g) => g.reason)).toEqual([
      expect.stringMatching(/^ONNX Runtime matches the engine on 192 holdout outputs/),
      expect.stringMatching(/^r2 0\.[0-9]+ is at least the threshold 0$/),
      'rmse: no production model to compare with',
      expect.stringMatching(
        /^bias: worst slice (weather|zone)=\S+ \(\d+ rows\) has [0-9.]+x the overall error, within the limit 3$/,
      ),
    ]);
    expect(v.sliceMetrics.filter((s) => s.column === 'zone').map((s) => s.rows)).toEqual([48, 48, 48, 48]);
  });

  it('compares with production on the same rows; a champion of another target is compared by thresholds only', async () => {
    const deps = memoryDeps();
    deps.memory.registry.specs.set('taxi', { target: 'temperature_c', timeColumn: 'pickup_hour' });
    await registerRun(
      deps,
      await validateRun(deps, await trainDrop(deps, 'taxi', 'a.csv', taxiCsv({ days: 10 }))),
    );
    deps.memory.registry.specs.set('taxi', TAXI_SPEC);
    const request = await validateRun(
      deps,
      await trainDrop(deps, 'taxi', 'b.csv', taxiCsv({ days: 10, seed: 3 })),
    );
    expect(request.championVersion).toBe(1);
    expect(request.passed).toBe(true);
    expect(request.reasons).toContain(
      'production v1 cannot be compared on this holdout (it predicts "temperature_c" (regression), the candidate "trips" (regression)); judged by thresholds only',
    );
  });
});
