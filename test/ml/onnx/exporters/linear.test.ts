import { describe, expect, test } from 'vitest';
import type { Task } from '../../../../src/ml/matrix';
import type { LinearModel } from '../../../../src/ml/models/types';
import { exportOnnx } from '../../../../src/ml/onnx/export';
import { exportedScorers } from '../helpers/exported-scorer';
import { compareWithEngine, REL_TOL } from '../helpers/parity';
import { randomLinear, randomMatrix } from '../helpers/random-models';

const scorerFor = exportedScorers();

describe('linear export: ORT equals the engine on every row', () => {
  const cases: { task: Task; seed: number; nFeatures: number; nClasses?: number }[] = [
    { task: 'regression', seed: 11, nFeatures: 8 },
    { task: 'binary', seed: 12, nFeatures: 8 },
    { task: 'multiclass', seed: 13, nFeatures: 8, nClasses: 4 },
    { task: 'regression', seed: 14, nFeatures: 40 },
  ];
  test.each(cases)('$task, $nFeatures features', async ({ task, seed, nFeatures, nClasses }) => {
    const model = randomLinear(seed, task, nFeatures, nClasses);
    const m = randomMatrix(seed + 100, 2000, nFeatures, 0);
    const scores = await (await scorerFor(model)).score(m);
    const report = compareWithEngine(model, m, scores);
    expect(report.labelMismatches).toBe(0);
    expect(report.maxRelError).toBeLessThan(REL_TOL);
  });

  test('a score that is a small difference of large terms keeps its digits (double MatMul)', async () => {
    const model: LinearModel = {
      kind: 'linear',
      task: 'regression',
      nFeatures: 2,
      nOutputs: 1,
      weights: [[1e6 + 1e-3, -1e6]],
      intercepts: [0],
    };
    const scores = await (
      await scorerFor(model)
    ).score({ nRows: 1, names: ['a', 'b'], columns: [Float32Array.of(1), Float32Array.of(1)] });
    // In float32, 1e6 + 1e-3 rounds to 1e6 and the score would be 0.
    expect(Math.abs(scores.predictions[0] - 1e-3) / 1e-3).toBeLessThan(REL_TOL);
  });
});

describe('linear export rejects malformed models', () => {
  const base = randomLinear(15, 'regression', 3);
  test.each([
    {
      name: 'short weight row',
      model: { ...base, weights: [[1, 2]] },
      message: 'Cannot export the linear model: output 0 has 2 weights for 3 features',
    },
    {
      name: 'missing intercept',
      model: { ...base, intercepts: [] },
      message: 'Cannot export the linear model: 1 weight rows and 0 intercepts for 1 outputs',
    },
    {
      name: 'NaN weight',
      model: { ...base, weights: [[1, NaN, 2]] },
      message: 'Cannot export the linear model: output 0 has a non-finite weight',
    },
    {
      name: 'infinite intercept',
      model: { ...base, intercepts: [Infinity] },
      message: 'Cannot export the linear model: an intercept is not finite',
    },
  ])('$name', ({ model, message }) => {
    expect(() => exportOnnx(model)).toThrow(expect.objectContaining({ code: 'bad_model', message }));
  });
});
