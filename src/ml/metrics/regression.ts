import type { MetricSet } from './types';

/** Mean absolute error. */
export function mae(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(actual[i] - predicted[i]);
  return sum / actual.length;
}

/** Root mean squared error. */
export function rmse(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += (actual[i] - predicted[i]) ** 2;
  return Math.sqrt(sum / actual.length);
}

/** Coefficient of determination, 1 - SS_res / SS_tot; NaN when the actuals are constant. */
export function r2(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < actual.length; i++) mean += actual[i];
  mean /= actual.length;
  let res = 0;
  let tot = 0;
  for (let i = 0; i < actual.length; i++) {
    res += (actual[i] - predicted[i]) ** 2;
    tot += (actual[i] - mean) ** 2;
  }
  return tot === 0 ? NaN : 1 - res / tot;
}

/**
 * Mean absolute percentage error as a fraction (0.1 = 10%), over the rows whose actual value is
 * not zero: those rows are skipped, not divided by a tiny number as scikit-learn does. NaN when
 * every actual is zero.
 */
export function mape(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] === 0) continue;
    sum += Math.abs((actual[i] - predicted[i]) / actual[i]);
    n++;
  }
  return n === 0 ? NaN : sum / n;
}

/** MAE, RMSE, R², MAPE and the row count. */
export function regressionMetrics(actual: ArrayLike<number>, predicted: ArrayLike<number>): MetricSet {
  return {
    mae: mae(actual, predicted),
    rmse: rmse(actual, predicted),
    r2: r2(actual, predicted),
    mape: mape(actual, predicted),
    count: actual.length,
  };
}
