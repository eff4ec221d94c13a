// What the pipeline steps report: training and validation durations, and the version events
// (registered, promoted, rejected), in-process on the memory ports.
import { describe, expect, it } from 'vitest';
import { TAXI_SPEC, taxiCsv } from '../support/taxi-data';
import { RecordingTelemetry } from '../platform/telemetry/recording-telemetry';
import { registerRun, trainDrop, validateRun } from './chain';
import { memoryDeps } from './memory-ports';

describe('pipeline telemetry', () => {
  it('reports durations per model and version, then registered and promoted, or rejected', async () => {
    const telemetry = new RecordingTelemetry();
    const deps = { ...memoryDeps(), telemetry };
    deps.memory.registry.specs.set('taxi', { ...TAXI_SPEC, params: { nEstimators: 20 } });

    const run1 = await trainDrop(deps, 'taxi', 'a.csv', taxiCsv({ days: 10 }));
    const request1 = await validateRun(deps, run1);
    expect(await registerRun(deps, request1)).toEqual({ kind: 'promoted', version: 1 });
    const run2 = await trainDrop(deps, 'taxi', 'b.csv', taxiCsv({ days: 10, shuffleTarget: true }));
    expect(await registerRun(deps, await validateRun(deps, run2))).toMatchObject({ kind: 'rejected' });

    const metrics = telemetry.of('metric');
    expect(metrics.map((m) => [m.name, m.properties])).toEqual([
      ['TrainingDurationMs', { model: 'taxi', version: '1', algorithm: 'gbdt' }],
      ['ValidationDurationMs', { model: 'taxi', version: '1', passed: 'true' }],
      ['TrainingDurationMs', { model: 'taxi', version: '2', algorithm: 'gbdt' }],
      ['ValidationDurationMs', { model: 'taxi', version: '2', passed: 'false' }],
    ]);
    for (const m of metrics) expect(m.value).toBeGreaterThan(0);

    const v1 = { model: 'taxi', version: '1', runId: run1, source: 'trained' };
    const events = telemetry.of('event');
    expect(events.map((e) => e.name)).toEqual(['VersionRegistered', 'VersionPromoted', 'VersionRejected']);
    expect(events[0]!.properties).toEqual(v1);
    expect(events[1]!.properties).toEqual({ ...v1, trigger: 'validation' });
    expect(events[2]!.properties).toMatchObject({ model: 'taxi', version: '2', runId: run2 });
    expect(events[2]!.properties.reason).toMatch(/^r2 -?[0-9.]+ is below the threshold 0/);

    // A redelivered register message finds the run finished and reports nothing again.
    expect(await registerRun(deps, request1)).toEqual({ kind: 'already_done', runId: run1 });
    expect(telemetry.items).toHaveLength(metrics.length + events.length);
  });
});
