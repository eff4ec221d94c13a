// The repo's scikit-learn → ONNX script: its model loads through the uploaded-model scorer and
// predicts what scikit-learn printed.
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '../../../src/ml/data';
import { parseSidecar, UploadedModelScorer, type Sidecar } from '../../../src/domain/uploaded-model';
import { scoreUploadedHoldout } from '../../../src/pipeline/byo';
import { makeSklearnModel, sklearnMissing, type SklearnModel } from './sklearn-fixture';

const missing = sklearnMissing();
if (missing && process.env.CI === 'true') throw new Error(`CI needs scikit-learn and onnx: ${missing}`);
if (missing) console.warn(`Skipping the scikit-learn ONNX tests: ${missing}`);

describe.skipIf(missing !== undefined)('scikit-learn LinearRegression as ONNX', () => {
  const columns = ['hour', 'temperature', 'is_holiday', 'zone_id'];
  let model: SklearnModel;
  let sidecar: Sidecar;
  let records: Record<string, number>[];
  beforeAll(() => {
    model = makeSklearnModel('byo-taxi.csv');
    sidecar = parseSidecar(model.sidecar);
    records = model.printed.rows.map((row) => Object.fromEntries(columns.map((c, j) => [c, row[j]])));
  });

  it('writes a sidecar naming each input and the dataset', () => {
    expect(sidecar).toEqual({
      task: 'regression',
      target: 'demand',
      inputs: columns.map((c) => ({ name: c, column: c, type: 'float32' })),
      outputs: {},
      dataset: 'byo-taxi.csv',
      holdoutFraction: 0.25,
      seed: 42,
    });
  });

  it('loads in ONNX Runtime with the inputs and output the sidecar declares', async () => {
    const scorer = await UploadedModelScorer.load(model.onnx, sidecar);
    expect(scorer.signature).toEqual({
      inputs: columns.map((name) => ({ name, type: 'float32', shape: ['N', 1] })),
      outputs: [{ name: 'demand', type: 'float32', shape: ['N', 1] }],
    });
    await scorer.release();
  });

  it('predicts what scikit-learn printed, to float32 rounding', async () => {
    const scorer = await UploadedModelScorer.load(model.onnx, sidecar);
    const predictions = (await scorer.score(records)) as Float64Array;
    await scorer.release();
    expect(model.printed.predictions).toHaveLength(5);
    model.printed.predictions.forEach((p, i) => expect(predictions[i]).toBeCloseTo(p, 3));
  });

  it('fits the data it was trained on (R² from scikit-learn) and scores it read from CSV', async () => {
    expect(model.printed.r2).toBeGreaterThan(0.9);
    expect(model.printed.coefficients[0]).toBeCloseTo(1.5, 1);
    const table = await readDataset(model.csv, 'taxi.csv');
    const rows = Array.from({ length: 5 }, (_, r) =>
      Object.fromEntries(table.columns.map((c) => [c.name, c.numbers ? c.numbers[r] : null])),
    );
    const scores = await scoreUploadedHoldout(sidecar, model.onnx, rows);
    model.printed.predictions.forEach((p, i) => expect(scores.output[i]).toBeCloseTo(p, 3));
    expect(Array.from(scores.actual)).toEqual(rows.map((r) => r.demand));
  });
});

describe.skipIf(missing !== undefined)('scikit-learn LogisticRegression as ONNX', () => {
  let model: SklearnModel;
  let sidecar: Sidecar;
  beforeAll(() => {
    model = makeSklearnModel('byo-busy.csv', 'binary');
    sidecar = parseSidecar(model.sidecar);
  });

  it('takes the columns packed in one input and gives label and probabilities', async () => {
    const scorer = await UploadedModelScorer.load(model.onnx, sidecar);
    expect(scorer.signature).toEqual({
      inputs: [{ name: 'features', type: 'float32', shape: ['N', 4] }],
      outputs: [
        { name: 'label', type: 'int64', shape: ['N'] },
        { name: 'probabilities', type: 'float32', shape: ['N', 2] },
      ],
    });
    await scorer.release();
  });

  it('gives the probabilities scikit-learn printed, and the class indexes of the target', async () => {
    const table = await readDataset(model.csv, 'busy.csv');
    const rows = Array.from({ length: 5 }, (_, r) =>
      Object.fromEntries(table.columns.map((c) => [c.name, c.numbers ? c.numbers[r] : null])),
    );
    const scores = await scoreUploadedHoldout(sidecar, model.onnx, rows);
    expect(scores.nOutputs).toBe(1);
    model.printed.predictions.forEach((p, i) => expect(scores.output[i]).toBeCloseTo(p, 5));
    expect(scores.prediction).toMatchObject({ nClasses: 2 });
    expect(Array.from(scores.actual)).toEqual(rows.map((r) => r.busy));
    expect(model.printed.r2).toBeGreaterThan(0.85);
  });
});
