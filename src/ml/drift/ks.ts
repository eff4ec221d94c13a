import { DataError } from '../errors';
import { kolmogorovSf } from './special-functions';
import { ecdf, mergedPoints, sortedFinite } from './sorted-sample';
import type { DriftTest } from './types';

/**
 * Two-sample Kolmogorov-Smirnov test: D = sup |F_a - F_b| and its asymptotic p-value
 * P(K > D·√(n·m/(n+m))) from the Kolmogorov distribution (scipy.stats.kstwobign). `sizes`
 * overrides n and m when a sample stands for a larger one (quantiles of a training profile).
 */
export function ksTwoSample(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  sizes?: { n: number; m: number },
): { statistic: number; pValue: number } {
  const x = sortedFinite(a);
  const y = sortedFinite(b);
  if (x.length === 0 || y.length === 0) return { statistic: NaN, pValue: NaN };
  let statistic = 0;
  for (const point of mergedPoints(x, y))
    statistic = Math.max(statistic, Math.abs(ecdf(x, point) - ecdf(y, point)));
  const n = sizes?.n ?? x.length;
  const m = sizes?.m ?? y.length;
  return { statistic, pValue: kolmogorovSf(statistic * Math.sqrt((n * m) / (n + m))) };
}

/** KS test of current values against the profile's mid-quantiles (n = training count); drift at p < 0.05. */
export const ksTest: DriftTest = {
  name: 'ks',
  columnTypes: ['numeric'],
  defaultThreshold: 0.05,
  driftWhen: 'low_p_value',
  run(reference, current, threshold = 0.05) {
    if (reference.type !== 'numeric' || current.type !== 'numeric') {
      throw new DataError('bad_type', 'The KS test needs a numeric profile and numeric values');
    }
    const m = sortedFinite(current.values).length;
    const { statistic, pValue } = ksTwoSample(reference.quantiles, current.values, { n: reference.count, m });
    return { test: 'ks', statistic, pValue, threshold, drifted: pValue < threshold };
  },
};
