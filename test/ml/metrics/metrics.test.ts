import { describe, expect, it } from 'vitest';
import { macroScores } from '../../../src/ml/metrics/classification';
import { evaluate } from '../../../src/ml/metrics/evaluate';
import { mape } from '../../../src/ml/metrics/regression';
import { rocAuc } from '../../../src/ml/metrics/roc-auc';
import { sliceMetrics } from '../../../src/ml/metrics/slices';
import { binaryProbabilities, type MetricSet } from '../../../src/ml/metrics/types';
import { thrownDataError } from '../data/helpers';

// Reference values from scikit-learn 1.2 on the same arrays (MAPE over the non-zero actuals).
function expectClose(actual: MetricSet, expected: MetricSet): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [k, v] of Object.entries(expected)) expect(actual[k], k).toBeCloseTo(v, 10);
}

const yReg = Float64Array.of(3, -0.5, 2, 7, 0);
const pReg = Float64Array.of(2.5, 0, 2, 8, 0.3);
const yBin = [0, 1, 1, 0, 1, 0, 1, 1];
const pBin = [0.1, 0.8, 0.4, 0.35, 0.9, 0.6, 0.6, 0.7];
const yMulti = [0, 1, 2, 2, 1, 0, 2, 1];
const pMulti = {
  nClasses: 3,
  values: Float64Array.from(
    [
      [0.7, 0.2, 0.1],
      [0.2, 0.5, 0.3],
      [0.1, 0.3, 0.6],
      [0.3, 0.4, 0.3],
      [0.1, 0.8, 0.1],
      [0.5, 0.4, 0.1],
      [0.2, 0.2, 0.6],
      [0.4, 0.3, 0.3],
    ].flat(),
  ),
};

describe('evaluate against scikit-learn', () => {
  it('regression', () => {
    expectClose(evaluate('regression', yReg, pReg), {
      mae: 0.46,
      rmse: 0.5639148871948674,
      r2: 0.955586592178771,
      mape: 0.3273809523809524,
      count: 5,
    });
  });

  it('binary', () => {
    expectClose(evaluate('binary', yBin, binaryProbabilities(pBin)), {
      accuracy: 0.75,
      precision: 0.8,
      recall: 0.8,
      f1: 0.8,
      roc_auc: 0.9,
      log_loss: 0.4455911912719187,
      count: 8,
    });
  });

  it('multiclass (macro, one-vs-rest AUC)', () => {
    expectClose(evaluate('multiclass', yMulti, pMulti), {
      accuracy: 0.75,
      precision: 0.7777777777777777,
      recall: 0.7777777777777777,
      f1: 0.7555555555555555,
      roc_auc: 0.9222222222222222,
      log_loss: 0.6744637140695857,
      count: 8,
    });
  });
});

describe('metric edge cases', () => {
  it('MAPE skips zero actuals and is NaN when all are zero', () => {
    expect(mape([0, 2], [5, 1])).toBe(0.5);
    expect(mape([0, 0], [1, 1])).toBeNaN();
  });

  it('ROC AUC shares ranks between tied scores and is NaN with one class', () => {
    expect(rocAuc([false, true, false, true], [0.5, 0.5, 0.2, 0.9])).toBe(0.875);
    expect(rocAuc([true, true], [0.1, 0.2])).toBeNaN();
  });

  it('macro scores count zero-division as 0, as scikit-learn does', () => {
    expect(macroScores([0, 0, 1, 1], [0, 0, 0, 0], 2)).toEqual({ precision: 0.25, recall: 0.5, f1: 1 / 3 });
  });

  it('refuses predictions that do not fit the task or the row count', () => {
    const err = thrownDataError(() => evaluate('regression', [1, 2], Float64Array.of(1)));
    expect(err.code).toBe('bad_model');
    expect(err.message).toBe('2 actual values but 1 predictions');
    expect(thrownDataError(() => evaluate('binary', [1], Float64Array.of(1))).message).toBe(
      'Classification metrics need class probabilities',
    );
  });
});

describe('sliceMetrics', () => {
  it('gives a metric set per slice value with counts, largest first', () => {
    const slices = sliceMetrics('regression', yReg, pReg, ['a', 'b', 'a', null, 'b']);
    expect(slices.map((s) => [s.value, s.count])).toEqual([
      ['a', 2],
      ['b', 2],
      ['(missing)', 1],
    ]);
    expect(slices[0].metrics.mae).toBeCloseTo(0.25, 12);
    expect(slices[1].metrics.rmse).toBeCloseTo(Math.sqrt((0.25 + 0.09) / 2), 12);
    expect(slices[2].metrics.r2).toBeNaN();
  });

  it('slices class probabilities row-wise and honours minCount', () => {
    const labels = yMulti.map((_, i) => (i < 4 ? 'early' : i < 7 ? 'late' : 'odd'));
    const slices = sliceMetrics('multiclass', yMulti, pMulti, labels, { minCount: 2 });
    expect(slices.map((s) => [s.value, s.count, s.metrics.accuracy])).toEqual([
      ['early', 4, 0.75],
      ['late', 3, 1],
    ]);
  });
});
