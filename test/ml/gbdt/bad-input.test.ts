import { describe, expect, it } from 'vitest';
import { trainGbdt } from '../../../src/ml/gbdt/boosting';
import { DataError } from '../../../src/ml/errors';
import type { Task } from '../../../src/ml/matrix';
import { matrixOf } from './data';

const cases: [string, () => unknown, string, string][] = [
  [
    'zero rows',
    () =>
      trainGbdt({
        matrix: { nRows: 0, names: ['a'], columns: [new Float32Array(0)] },
        target: [],
        task: 'regression',
      }),
    'no_rows',
    'the training data has no rows',
  ],
  [
    'no columns',
    () => trainGbdt({ matrix: { nRows: 3, names: [], columns: [] }, target: [1, 2, 3], task: 'regression' }),
    'empty',
    'the feature matrix has no columns',
  ],
  [
    'a target of another length',
    () => trainGbdt({ matrix: matrixOf([1, 2, 3]), target: [1, 2], task: 'regression' }),
    'bad_spec',
    'the target has 2 values but the matrix has 3 rows',
  ],
  [
    'columns of different lengths',
    () =>
      trainGbdt({
        matrix: { nRows: 3, names: ['a', 'b'], columns: [new Float32Array(3), new Float32Array(2)] },
        target: [1, 2, 3],
        task: 'regression',
      }),
    'bad_spec',
    "feature 'b' has 2 values but the matrix has 3 rows",
  ],
  [
    'an infinite target',
    () => trainGbdt({ matrix: matrixOf([1, 2, 3]), target: [1, Infinity, 3], task: 'regression' }),
    'bad_target',
    'the target is missing or not finite at row 1',
  ],
  [
    'a single class',
    () => trainGbdt({ matrix: matrixOf([1, 2, 3]), target: [1, 1, 1], task: 'binary' }),
    'single_class',
    'the target has a single class (1); a classifier needs two',
  ],
  [
    'a fractional class',
    () => trainGbdt({ matrix: matrixOf([1, 2, 3]), target: [0, 1.5, 2], task: 'multiclass' as Task }),
    'bad_target',
    'the target at row 1 is 1.5, expected a class index 0, 1, 2, ...',
  ],
  [
    'a learning rate of 0',
    () =>
      trainGbdt({ matrix: matrixOf([1, 2, 3]), target: [1, 2, 3], task: 'regression' }, { learningRate: 0 }),
    'bad_spec',
    'gbdt parameter learningRate is out of range: 0',
  ],
  [
    'a validation fraction of 1',
    () =>
      trainGbdt(
        { matrix: matrixOf([1, 2, 3]), target: [1, 2, 3], task: 'regression' },
        { earlyStopping: { validationFraction: 1 } },
      ),
    'bad_spec',
    'gbdt parameter earlyStopping.validationFraction is out of range: 1',
  ],
];

describe('gbdt bad input', () => {
  it.each(cases)('rejects %s with a DataError', (_, fit, code, message) => {
    expect(fit).toThrow(message);
    try {
      fit();
    } catch (e) {
      expect(e).toBeInstanceOf(DataError);
      expect((e as DataError).code).toBe(code);
    }
  });

  it('trains on a single constant feature (a stump-less model of the mean)', () => {
    const { model } = trainGbdt(
      { matrix: matrixOf([5, 5, 5, 5]), target: [1, 2, 3, 6], task: 'regression' },
      { nEstimators: 3 },
    );
    expect(model.baseScore).toEqual([3]);
    for (const tree of model.trees) expect(Array.from(tree.feature)).toEqual([-1]);
  });
});
