import * as ort from 'onnxruntime-node';
import { describe, expect, test } from 'vitest';
import { exportOnnx } from '../../../src/ml/onnx/export';
import { describeSession } from '../../../src/ml/onnx/signature';
import { randomEnsemble, randomLinear } from './helpers/random-models';

describe('exportOnnx', () => {
  test.each([
    {
      model: randomEnsemble(1, 'regression', { nFeatures: 4, rounds: 2, depth: 2 }),
      outputs: [{ name: 'variable', type: 'float32', shape: ['N', 1] }],
    },
    {
      model: randomLinear(2, 'binary', 4),
      outputs: [
        { name: 'label', type: 'int64', shape: ['N'] },
        { name: 'probabilities', type: 'float32', shape: ['N', 2] },
      ],
    },
    {
      model: randomEnsemble(3, 'multiclass', { nFeatures: 4, rounds: 2, depth: 2, nClasses: 5 }),
      outputs: [
        { name: 'label', type: 'int64', shape: ['N'] },
        { name: 'probabilities', type: 'float32', shape: ['N', 5] },
      ],
    },
  ])('$model.kind $model.task: the declared signature is the one ORT reports', async ({ model, outputs }) => {
    const exported = exportOnnx(model);
    expect(exported.signature).toEqual({
      inputs: [{ name: 'features', type: 'float32', shape: ['N', 4] }],
      outputs,
    });
    const session = await ort.InferenceSession.create(exported.bytes);
    expect(describeSession(session)).toEqual(exported.signature);
    await session.release();
  });

  test('metadata: the exporter keys, then the caller keys', () => {
    const exported = exportOnnx(randomLinear(4, 'multiclass', 2, 3), {
      metadata: { feature_names: '["a","b"]', class_labels: '["x","y","z"]' },
    });
    expect(exported.metadata).toEqual({
      model_kind: 'linear',
      task: 'multiclass',
      n_features: '2',
      n_classes: '3',
      export_format: '1',
      feature_names: '["a","b"]',
      class_labels: '["x","y","z"]',
    });
  });

  test.each([
    {
      name: 'a reserved metadata key',
      run: () => exportOnnx(randomLinear(5, 'regression', 2), { metadata: { task: 'x' } }),
      error: { code: 'bad_spec', message: 'ONNX metadata key "task" is reserved' },
    },
    {
      name: 'a regression model with 2 outputs',
      run: () => exportOnnx({ ...randomLinear(6, 'multiclass', 2, 2), task: 'regression' }),
      error: { code: 'bad_model', message: 'A regression model has 1 output, got 2' },
    },
    {
      name: 'a multiclass model with 1 output',
      run: () => exportOnnx({ ...randomLinear(7, 'regression', 2), task: 'multiclass' }),
      error: { code: 'bad_model', message: 'A multiclass model needs 2 or more outputs, got 1' },
    },
    {
      name: 'a model without features',
      run: () => exportOnnx({ ...randomLinear(8, 'regression', 2), nFeatures: 0 }),
      error: { code: 'bad_model', message: 'Cannot export a model of 0 features' },
    },
  ])('rejects $name', ({ run, error }) => {
    expect(run).toThrow(expect.objectContaining(error));
  });
});
