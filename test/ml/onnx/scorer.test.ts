import { describe, expect, test } from 'vitest';
import { exportOnnx } from '../../../src/ml/onnx/export';
import type { OnnxModel } from '../../../src/ml/onnx/proto/model';
import { encodeModel } from '../../../src/ml/onnx/proto/model-writer';
import { OnnxScorer } from '../../../src/ml/onnx/scorer';
import { checkCompatible, type OnnxSignature } from '../../../src/ml/onnx/signature';
import { randomEnsemble, randomLinear, randomMatrix } from './helpers/random-models';

/** A one-node graph (Identity) with the given input and output, for signature mismatches. */
function identityModel(input: string, output: string, width: number | string = 3): Uint8Array {
  const model: OnnxModel = {
    irVersion: 8,
    opsets: [{ domain: '', version: 17 }],
    producerName: 'test',
    producerVersion: '0',
    graph: {
      name: 'identity',
      nodes: [{ opType: 'Identity', inputs: [input], outputs: [output] }],
      inputs: [{ name: input, elemType: 'float', shape: ['N', width] }],
      outputs: [{ name: output, elemType: 'float', shape: ['N', width] }],
    },
  };
  return encodeModel(model);
}

describe('OnnxScorer.load', () => {
  test('describes the graph for the model card', async () => {
    const model = randomEnsemble(1, 'multiclass', { nFeatures: 3, rounds: 2, depth: 2, nClasses: 4 });
    const scorer = await OnnxScorer.load(exportOnnx(model).bytes, {
      task: 'multiclass',
      nFeatures: 3,
      nClasses: 4,
    });
    expect(scorer.signature).toEqual({
      inputs: [{ name: 'features', type: 'float32', shape: ['N', 3] }],
      outputs: [
        { name: 'label', type: 'int64', shape: ['N'] },
        { name: 'probabilities', type: 'float32', shape: ['N', 4] },
      ],
    });
    await scorer.release();
  });

  const regression3 = { task: 'regression', nFeatures: 3 } as const;
  test.each([
    {
      name: 'garbage bytes',
      bytes: Uint8Array.from({ length: 64 }, (_, i) => (i * 37) % 256),
      message: /^ONNX Runtime cannot load the model: .+/,
    },
    {
      name: 'a truncated file',
      bytes: exportOnnx(randomLinear(2, 'regression', 3)).bytes.subarray(0, 40),
      message: /^ONNX Runtime cannot load the model: .+/,
    },
    {
      name: 'a wrong input name',
      bytes: identityModel('input', 'variable'),
      message: 'ONNX model must have one input "features", it has "input" (float32 [N, 3])',
    },
    {
      name: 'a wrong input width',
      bytes: exportOnnx(randomLinear(3, 'regression', 5)).bytes,
      message: 'ONNX model input "features" takes 5 features, expected 3',
    },
    {
      name: 'a missing output',
      bytes: identityModel('features', 'y'),
      message: 'ONNX model lacks output "variable" (float32); its outputs are "y" (float32 [N, 3])',
    },
    {
      name: 'a regression output of 3 columns',
      bytes: identityModel('features', 'variable'),
      message: 'ONNX model output "variable" has 3 columns, expected 1',
    },
  ])('rejects $name with bad_model', async ({ bytes, message }) => {
    await expect(OnnxScorer.load(bytes, regression3)).rejects.toThrow(
      expect.objectContaining({
        name: 'DataError',
        code: 'bad_model',
        message: typeof message === 'string' ? message : expect.stringMatching(message),
      }),
    );
  });

  test('rejects a regression model loaded as a classifier', async () => {
    const bytes = exportOnnx(randomLinear(4, 'regression', 3)).bytes;
    await expect(OnnxScorer.load(bytes, { task: 'binary', nFeatures: 3 })).rejects.toThrow(
      'ONNX model lacks output "label" (int64); its outputs are "variable" (float32 [N, 1])',
    );
  });

  test('rejects a classifier with another number of classes', async () => {
    const bytes = exportOnnx(randomLinear(5, 'multiclass', 3, 4)).bytes;
    await expect(OnnxScorer.load(bytes, { task: 'multiclass', nFeatures: 3, nClasses: 3 })).rejects.toThrow(
      'ONNX model output "probabilities" has 4 columns, expected 3',
    );
  });
});

describe('checkCompatible', () => {
  test('accepts a symbolic feature width and rank-1 regression output', () => {
    const signature: OnnxSignature = {
      inputs: [{ name: 'features', type: 'float32', shape: ['batch', 'F'] }],
      outputs: [{ name: 'variable', type: 'float32', shape: ['batch'] }],
    };
    expect(() => checkCompatible(signature, { task: 'regression', nFeatures: 7 })).not.toThrow();
  });

  test('names a non-tensor output (ZipMap) as such', () => {
    const signature: OnnxSignature = {
      inputs: [{ name: 'features', type: 'float32', shape: ['N', 2] }],
      outputs: [
        { name: 'label', type: 'int64', shape: ['N'] },
        { name: 'probabilities', type: 'non-tensor', shape: [] },
      ],
    };
    expect(() => checkCompatible(signature, { task: 'binary', nFeatures: 2 })).toThrow(
      'ONNX model output "probabilities" must be float32 of rank 2, it is not a tensor',
    );
  });
});

describe('OnnxScorer.score', () => {
  test('rejects a matrix of the wrong width before scoring, naming expected and got', async () => {
    const scorer = await OnnxScorer.load(exportOnnx(randomLinear(6, 'regression', 4)).bytes, {
      task: 'regression',
      nFeatures: 4,
    });
    await expect(scorer.score(randomMatrix(1, 5, 3))).rejects.toThrow(
      expect.objectContaining({
        code: 'bad_model',
        message: 'The model expects 4 features, got 3',
        details: { expected: 4, got: 3 },
      }),
    );
    await scorer.release();
  });

  test('rejects a column shorter than the row count', async () => {
    const scorer = await OnnxScorer.load(exportOnnx(randomLinear(7, 'regression', 2)).bytes, {
      task: 'regression',
      nFeatures: 2,
    });
    const m = { nRows: 3, names: ['a', 'b'], columns: [new Float32Array(3), new Float32Array(2)] };
    await expect(scorer.score(m)).rejects.toThrow('Feature column "b" has 2 values for 3 rows');
    await scorer.release();
  });

  test('scores zero rows to empty arrays', async () => {
    const model = randomEnsemble(8, 'binary', { nFeatures: 2, rounds: 2, depth: 2 });
    const scorer = await OnnxScorer.load(exportOnnx(model).bytes, { task: 'binary', nFeatures: 2 });
    const scores = await scorer.score({
      nRows: 0,
      names: ['a', 'b'],
      columns: [new Float32Array(0), new Float32Array(0)],
    });
    expect(scores).toEqual({
      predictions: new Float32Array(0),
      probabilities: new Float32Array(0),
      nClasses: 2,
    });
    await scorer.release();
  });

  test('converts column-major rows to the graph input in order', async () => {
    // variable = 1*a + 10*b + 100*c, so each row's value spells out its features.
    const model = {
      kind: 'linear',
      task: 'regression',
      nFeatures: 3,
      nOutputs: 1,
      weights: [[1, 10, 100]],
      intercepts: [0],
    } as const;
    const scorer = await OnnxScorer.load(exportOnnx(model).bytes, { task: 'regression', nFeatures: 3 });
    const m = {
      nRows: 2,
      names: ['a', 'b', 'c'],
      columns: [Float32Array.of(1, 4), Float32Array.of(2, 5), Float32Array.of(3, 6)],
    };
    expect(Array.from((await scorer.score(m)).predictions)).toEqual([321, 654]);
    await scorer.release();
  });
});
