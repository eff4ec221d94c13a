// validation.refit: the candidate is judged on the holdout by the model trained on the train
// rows; the model that serves is trained on all rows with the same settings.
import { describe, expect, it } from 'vitest';
import { TAXI_SPEC, taxiCsv } from '../../support/taxi-data';
import { parseModelCard } from '../../../src/domain/model-card';
import { registerRun, trainDrop, validateRun } from '../chain';
import { memoryDeps } from '../memory-ports';

async function trained(validation: object): Promise<ReturnType<typeof memoryDeps>> {
  const deps = memoryDeps();
  deps.memory.registry.specs.set('m', { ...TAXI_SPEC, validation });
  const run = await trainDrop(deps, 'm', 'jan.csv', taxiCsv({ days: 10 }));
  await registerRun(deps, await validateRun(deps, run));
  return deps;
}

describe('refit after validation', () => {
  it('serves a model trained on all rows; records the validated model and the refit', async () => {
    const deps = await trained({});
    const v = (await deps.registry.getVersion('m', 1))!;
    expect(v.status).toBe('production');
    expect(v.refit).toEqual({ rows: 960, iterations: 40 });
    expect(v.trainedThrough).toEqual({
      column: 'pickup_hour',
      last: expect.any(Number),
      label: '2025-01-10 23:00:00',
    });
    const card = parseModelCard(deps.memory.blobs.files.get('models/m/1/card.json')!.data.toString(), 'card');
    expect(card.data).toEqual({ trainRows: 768, holdoutRows: 192, iterations: 40, servedRows: 960 });
    expect(card.validated?.onnx.path).toBe('m/1/validated.onnx');
    expect(
      deps.memory.blobs.files
        .get('models/m/1/validated.onnx')!
        .data.equals(deps.memory.blobs.files.get('models/m/1/model.onnx')!.data),
    ).toBe(false);
    // Holdout metrics are the validated model's (the engine's, through ONNX Runtime), not the refit's.
    expect(v.metrics.count).toBe(192);
    expect(v.metrics.rmse).toBeCloseTo(card.engineMetrics.rmse!, 3);
    // Parity is checked on the served (refit) model, whose holdout outputs holdout.jsonl carries.
    expect(v.gates.find((g) => g.gate?.check === 'onnx_parity')).toMatchObject({ passed: true });
    // The profile is the served model's: all 960 rows.
    expect(v.trainingProfile).toMatchObject({ rowCount: 960 });
  });

  it('refit: false serves the validated model, as before', async () => {
    const deps = await trained({ refit: false });
    const v = (await deps.registry.getVersion('m', 1))!;
    expect(v.status).toBe('production');
    expect(v.refit).toBeUndefined();
    expect(deps.memory.blobs.files.has('models/m/1/validated.onnx')).toBe(false);
    const card = parseModelCard(deps.memory.blobs.files.get('models/m/1/card.json')!.data.toString(), 'card');
    expect(card.data.servedRows).toBe(768);
    expect(v.metrics.rmse).toBeCloseTo(card.engineMetrics.rmse!, 3);
  });
});
