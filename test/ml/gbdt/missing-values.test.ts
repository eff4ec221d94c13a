import { describe, expect, it } from 'vitest';
import { trainGbdt } from '../../../src/ml/gbdt/boosting';
import { predict } from '../../../src/ml/models/predict';
import { matrixOf } from './data';

describe('missing values', () => {
  // x in 0..99 with y = 0 below 50 and 10 above; every 5th row is missing with y = missingY.
  function fit(missingY: number) {
    const x = Array.from({ length: 200 }, (_, i) => (i % 5 === 0 ? NaN : i % 100));
    const y = x.map((v) => (Number.isNaN(v) ? missingY : v < 50 ? 0 : 10));
    return trainGbdt(
      { matrix: matrixOf(x), target: y, task: 'regression' },
      { nEstimators: 1, learningRate: 1, maxLeaves: 2, minSamplesLeaf: 1 },
    ).model;
  }

  it.each([
    ['right, with the high values', 10, 0],
    ['left, with the low values', 0, 1],
  ])('learns to send missing rows %s', (_, missingY, missingLeft) => {
    const model = fit(missingY);
    expect(model.trees[0].missingLeft[0]).toBe(missingLeft);
    // 50 is a multiple of 5 (missing), so the edge sits midway between 49 and 51.
    expect(model.trees[0].threshold[0]).toBe(50);
    expect(predict(model, matrixOf([NaN]))[0]).toBeCloseTo(missingY, 12);
  });

  it('sends missing values to the larger child when training saw none', () => {
    const x = Array.from({ length: 100 }, (_, i) => i);
    const y = x.map((v) => (v < 70 ? 0 : 10));
    const { model } = trainGbdt(
      { matrix: matrixOf(x), target: y, task: 'regression' },
      { nEstimators: 1, learningRate: 1, maxLeaves: 2, minSamplesLeaf: 1 },
    );
    expect(model.trees[0].missingLeft[0]).toBe(1);
    expect(predict(model, matrixOf([NaN]))[0]).toBeCloseTo(0, 12);
  });
});
