import { describe, expect, it } from 'vitest';
import { DataError } from '../../../src/ml/errors';
import { trainLogistic } from '../../../src/ml/linear/logistic';
import { predict } from '../../../src/ml/models/predict';
import { referenceRows } from './rows';

// From sklearn-reference.py (scikit-learn 1.2, StandardScaler + LogisticRegression(C=1, newton-cg)).
const SKLEARN_BINARY = {
  w: [1.1768528051331133, -0.532345187677713, -0.0054883857566583386],
  b: -6.594777773925928,
};
const SKLEARN_MULTI = [
  { w: [-0.8614488223134317, 0.5518270876727326, 0.04000567391643154], b: 4.9282010267500596 },
  { w: [0.16935308920756592, 0.021917558793294406, -0.004888025545692634], b: -0.8316017599379543 },
  { w: [0.6920957331058658, -0.5737446464660273, -0.03511764837073914], b: -4.096599266812105 },
];

describe('trainLogistic', () => {
  const rows = referenceRows();

  it('matches scikit-learn on binary data, weights folded to raw features', () => {
    const model = trainLogistic({ matrix: rows.matrix, target: rows.yBinary, task: 'binary' });
    expect(model.nOutputs).toBe(1);
    model.weights[0].forEach((w, f) => expect(w).toBeCloseTo(SKLEARN_BINARY.w[f], 6));
    expect(model.intercepts[0]).toBeCloseTo(SKLEARN_BINARY.b, 6);
  });

  it('matches scikit-learn multinomial on three classes', () => {
    const model = trainLogistic({ matrix: rows.matrix, target: rows.yMulti, task: 'multiclass' });
    expect(model.nOutputs).toBe(3);
    SKLEARN_MULTI.forEach((ref, c) => {
      model.weights[c].forEach((w, f) => expect(w).toBeCloseTo(ref.w[f], 6));
      expect(model.intercepts[c]).toBeCloseTo(ref.b, 6);
    });
  });

  it('predicts probabilities that sum to 1 per row', () => {
    const model = trainLogistic({ matrix: rows.matrix, target: rows.yMulti, task: 'multiclass' });
    const p = predict(model, rows.matrix);
    for (let r = 0; r < rows.matrix.nRows; r++)
      expect(p[3 * r] + p[3 * r + 1] + p[3 * r + 2]).toBeCloseTo(1, 12);
  });

  it.each([
    [
      'a missing value',
      'missing_value',
      "feature 'x1' has a missing or infinite value at row 5; linear models need imputed inputs",
    ],
    ['a single class', 'single_class', 'the target has a single class (0); a classifier needs two'],
    ['a label of 2 for binary', 'bad_target', 'the target at row 3 is 2, expected 0 or 1'],
  ])('rejects %s', (_, code, message) => {
    const matrix = { ...rows.matrix, columns: rows.matrix.columns.map((c) => c.slice()) };
    let target = rows.yBinary.slice();
    if (code === 'missing_value') matrix.columns[1][5] = NaN;
    if (code === 'single_class') target = target.map(() => 0);
    if (code === 'bad_target') target[3] = 2;
    const fit = (): unknown => trainLogistic({ matrix, target, task: 'binary' });
    expect(fit).toThrow(DataError);
    expect(fit).toThrow(message);
    try {
      fit();
    } catch (e) {
      expect((e as DataError).code).toBe(code);
    }
  });

  it('refuses a regression task', () => {
    expect(() => trainLogistic({ matrix: rows.matrix, target: rows.yReg, task: 'regression' })).toThrow(
      'logistic regression fits binary or multiclass targets, not regression',
    );
  });
});
