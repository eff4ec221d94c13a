// Running totals of a production and a challenger model's errors on the same labelled rows, kept as
// sufficient statistics so totals from separate checks can be added and judged together.
import { mcNemarTest, pairedTTest } from './paired-tests';

export type PairedErrorMetric = 'absolute_error' | 'squared_error' | 'error_rate';

export interface PairedErrorTotals {
  rows: number;
  /** Sum of the production model's per-row errors. */
  productionError: number;
  /** Sum of the challenger model's per-row errors. */
  challengerError: number;
  /** Σ d and Σ d² of d = production error - challenger error. */
  sumDiff: number;
  sumDiffSq: number;
  /** Classification only: the discordant pairs McNemar's test needs. */
  productionOnlyRight: number;
  challengerOnlyRight: number;
}

export function emptyTotals(): PairedErrorTotals {
  return {
    rows: 0,
    productionError: 0,
    challengerError: 0,
    sumDiff: 0,
    sumDiffSq: 0,
    productionOnlyRight: 0,
    challengerOnlyRight: 0,
  };
}

export function addTotals(a: PairedErrorTotals, b: PairedErrorTotals): PairedErrorTotals {
  return {
    rows: a.rows + b.rows,
    productionError: a.productionError + b.productionError,
    challengerError: a.challengerError + b.challengerError,
    sumDiff: a.sumDiff + b.sumDiff,
    sumDiffSq: a.sumDiffSq + b.sumDiffSq,
    productionOnlyRight: a.productionOnlyRight + b.productionOnlyRight,
    challengerOnlyRight: a.challengerOnlyRight + b.challengerOnlyRight,
  };
}

/**
 * Adds one row. Regression: errors are |y - p| ('absolute_error') or (y - p)² ('squared_error');
 * d = production error - challenger error. Classification ('error_rate'): the error is 0 when the
 * prediction equals the actual (compared as strings, so 1 and '1' match) else 1; also counts
 * productionOnlyRight / challengerOnlyRight. Mutates `t`.
 */
export function addPair(
  t: PairedErrorTotals,
  metric: PairedErrorMetric,
  actual: number | string,
  production: number | string,
  challenger: number | string,
): void {
  let productionErr: number;
  let challengerErr: number;
  if (metric === 'error_rate') {
    const label = String(actual);
    productionErr = String(production) === label ? 0 : 1;
    challengerErr = String(challenger) === label ? 0 : 1;
    if (productionErr < challengerErr) t.productionOnlyRight++;
    else if (challengerErr < productionErr) t.challengerOnlyRight++;
  } else {
    const y = Number(actual);
    productionErr = rowError(metric, y - Number(production));
    challengerErr = rowError(metric, y - Number(challenger));
  }
  const d = productionErr - challengerErr;
  t.rows++;
  t.productionError += productionErr;
  t.challengerError += challengerErr;
  t.sumDiff += d;
  t.sumDiffSq += d * d;
}

function rowError(metric: 'absolute_error' | 'squared_error', residual: number): number {
  return metric === 'absolute_error' ? Math.abs(residual) : residual * residual;
}

export interface PairedVerdict {
  test: 'paired_t' | 'mcnemar';
  statistic: number;
  pValue: number;
  /** Mean per-row errors (0 when there are no rows). */
  productionError: number;
  challengerError: number;
  better: 'production' | 'challenger' | 'neither';
}

/**
 * Mean errors and the test: a paired t test for the regression metrics, McNemar's test for
 * error_rate (a 0/1 error per row makes the t test's normal approximation poor on few
 * disagreements). `better` is the side with the lower mean error when pValue < alpha, else 'neither'.
 */
export function judgePairs(t: PairedErrorTotals, metric: PairedErrorMetric, alpha: number): PairedVerdict {
  const test = metric === 'error_rate' ? 'mcnemar' : 'paired_t';
  const { statistic, pValue } =
    test === 'mcnemar'
      ? mcNemarTest(t.productionOnlyRight, t.challengerOnlyRight)
      : pairedTTest(t.rows, t.sumDiff, t.sumDiffSq);
  const productionError = t.rows > 0 ? t.productionError / t.rows : 0;
  const challengerError = t.rows > 0 ? t.challengerError / t.rows : 0;
  let better: PairedVerdict['better'] = 'neither';
  if (pValue < alpha && productionError !== challengerError)
    better = challengerError < productionError ? 'challenger' : 'production';
  return { test, statistic, pValue, productionError, challengerError, better };
}
