// The drift check's data-quality verdict and its choice of reference, on the emulators.
import { describe, expect, it } from 'vitest';
import { checkModelDrift } from '../../../src/monitoring/drift/check-model-drift';
import type { ModelVersion } from '../../../src/domain/model-version';
import type { DriftRecord } from '../../../src/monitoring/drift/drift-record';
import { DRIFT_KIND } from '../../../src/monitoring/drift/drift-window';
import { storeFeedback } from '../../../src/serving/feedback/store-feedback';
import {
  driftDeps,
  driftRequest,
  inputs,
  nextSecond,
  predictionOf,
  queue,
  registry,
  seedModel,
  writeLog,
  type Inputs,
} from './drift-fixtures';

const IMPORTANCE = [
  { feature: 'temperature', importance: 0.7 },
  { feature: 'hour', importance: 0.2 },
  { feature: 'zone', importance: 0.1 },
];
// A trained version's pipeline as the drift check reads it: its inputs (the rest is not read).
const INPUT_FIELDS = {
  inputs: [
    { name: 'temperature', type: 'numeric' },
    { name: 'hour', type: 'numeric' },
    { name: 'zone', type: 'categorical' },
  ],
} as unknown as ModelVersion['featureSchema'];

const latest = async (model: string): Promise<DriftRecord> =>
  (await registry.listMonitoring(model, DRIFT_KIND, { pageSize: 1 })).items[0]!
    .body as unknown as DriftRecord;

describe('checkModelDrift data quality', () => {
  it('says data_quality when the top input is unreadable, alerts, and asks no retrain even on a live-error breach', async () => {
    const deps = driftDeps();
    const model = await seedModel(
      undefined,
      { monitoring: { minSamples: 100 } },
      {
        featureImportance: IMPORTANCE,
        featureSchema: INPUT_FIELDS,
      },
    );
    const rows = inputs(300, 5);
    const broken = rows.map((r) => ({ ...r, temperature: 'n/a' })) as unknown as Inputs[];
    const requestId = await writeLog(deps, model, broken, { prediction: (i) => predictionOf(rows[i]!) });
    const items = rows.map((x, row) => ({ requestId, row, actual: predictionOf(x) + 50 }));
    await storeFeedback(registry, model, { items });
    await nextSecond();

    const outcome = await checkModelDrift(deps, driftRequest(model));
    expect(outcome).toMatchObject({ kind: 'reported', status: 'data_quality', retrain: null });
    const record = await latest(model);
    expect(record.report).toMatchObject({
      verdict: 'data_quality',
      qualityBreaches: ['temperature'],
      qualityBreachedTopFeatures: ['temperature'],
    });
    expect(record.liveError).toMatchObject({ breached: true });
    expect(await queue.receive(deps.settings.queues.retrain)).toEqual([]);
    expect(deps.telemetry.items).toContainEqual({
      kind: 'event',
      name: 'DataQualityAlert',
      props: expect.objectContaining({ model, verdict: 'data_quality', features: 'temperature' }),
    });
    // No drift score is sent for a column that had none.
    expect(deps.telemetry.items.filter((t) => t.name === 'drift.score').map((t) => t.props?.feature)).toEqual(
      ['hour', 'zone'],
    );
  });
});

describe('checkModelDrift reference', () => {
  it('compares with the previous window under reference "recent", with training until there is one', async () => {
    const deps = driftDeps();
    const spec = { monitoring: { minSamples: 100, reference: 'recent' } };
    const model = await seedModel(undefined, spec, {
      featureSchema: INPUT_FIELDS,
      featureImportance: IMPORTANCE,
    });
    await writeLog(deps, model, inputs(300, 6, 10));
    await nextSecond();
    await checkModelDrift(deps, driftRequest(model));
    const first = await latest(model);
    expect(first.status).toBe('drift');
    expect(first.report!.reference).toEqual({
      kind: 'training',
      note: 'reference "recent" asks for the window 1 check back; version 1 has 0 earlier usable checks, so the training profile is the reference',
    });

    await writeLog(deps, model, inputs(300, 7, 10));
    await nextSecond();
    await checkModelDrift(deps, driftRequest(model));
    const second = await latest(model);
    expect(second.window.from).toBe(first.window.to);
    expect(second.report!.reference).toEqual({ kind: 'recent', reportId: `drift:${first.window.to}` });
    expect(second.status).toBe('no_drift');
    expect(second.report!.features.temperature!.score).toBeLessThan(0.1);
  });
});
