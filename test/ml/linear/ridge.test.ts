import { describe, expect, it } from 'vitest';
import { DataError } from '../../../src/ml/errors';
import { trainRidge } from '../../../src/ml/linear/ridge';
import { predict } from '../../../src/ml/models/predict';
import { referenceRows } from './rows';

describe('trainRidge', () => {
  const rows = referenceRows();

  it('matches scikit-learn StandardScaler + Ridge(alpha=1), folded to raw features', () => {
    const model = trainRidge({ matrix: rows.matrix, target: rows.yReg, task: 'regression' });
    // From sklearn-reference.py.
    const ref = [2.9865840391557867, -1.969018598230509, 0.4971348601607206];
    model.weights[0].forEach((w, f) => expect(w).toBeCloseTo(ref[f], 9));
    expect(model.intercepts[0]).toBeCloseTo(4.011037733308857, 9);
  });

  it('recovers exact linear data with a tiny alpha', () => {
    const y = Array.from({ length: 120 }, (_, i) => {
      const [a, b, c] = rows.matrix.columns;
      return 3 * a[i] - 2 * b[i] + 0.5 * c[i] + 4;
    });
    const model = trainRidge({ matrix: rows.matrix, target: y, task: 'regression' }, { alpha: 1e-9 });
    [3, -2, 0.5].forEach((w, f) => expect(model.weights[0][f]).toBeCloseTo(w, 6));
    expect(model.intercepts[0]).toBeCloseTo(4, 6);
    const p = predict(model, rows.matrix);
    p.forEach((v, i) => expect(v).toBeCloseTo(y[i], 5));
  });

  it('gives a constant feature no weight', () => {
    const matrix = {
      ...rows.matrix,
      names: ['x0', 'k'],
      columns: [rows.matrix.columns[0], new Float32Array(120).fill(7)],
    };
    const model = trainRidge({ matrix, target: rows.yReg, task: 'regression' });
    expect(model.weights[0][1]).toBe(0);
  });

  it.each([
    [
      'no rows',
      { nRows: 0, names: ['a'], columns: [new Float32Array(0)] },
      [],
      'no_rows',
      'the training data has no rows',
    ],
    [
      'no columns',
      { nRows: 2, names: [], columns: [] },
      [1, 2],
      'empty',
      'the feature matrix has no columns',
    ],
    [
      'a short column',
      { nRows: 2, names: ['a'], columns: [new Float32Array(1)] },
      [1, 2],
      'bad_spec',
      "feature 'a' has 1 values but the matrix has 2 rows",
    ],
    [
      'a short target',
      { nRows: 2, names: ['a'], columns: [new Float32Array(2)] },
      [1],
      'bad_spec',
      'the target has 1 values but the matrix has 2 rows',
    ],
    [
      'a NaN target',
      { nRows: 2, names: ['a'], columns: [new Float32Array(2)] },
      [1, NaN],
      'bad_target',
      'the target is missing or not finite at row 1',
    ],
  ])('rejects %s', (_, matrix, target, code, message) => {
    const fit = (): unknown => trainRidge({ matrix, target, task: 'regression' });
    expect(fit).toThrow(message);
    try {
      fit();
    } catch (e) {
      expect(e).toBeInstanceOf(DataError);
      expect((e as DataError).code).toBe(code);
    }
  });
});
