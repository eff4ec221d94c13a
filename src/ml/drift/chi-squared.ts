import { binnedCounts, proportions } from './binned';
import { gammaQ } from './special-functions';
import type { DriftTest } from './types';

/**
 * Pearson's chi-squared goodness-of-fit test of observed counts against expected counts, with
 * k - 1 degrees of freedom: p = Q((k - 1) / 2, χ² / 2) (scipy.stats.chisquare).
 */
export function chiSquaredTest(
  observed: readonly number[],
  expected: readonly number[],
): { statistic: number; pValue: number; df: number } {
  let statistic = 0;
  for (let i = 0; i < observed.length; i++) statistic += (observed[i] - expected[i]) ** 2 / expected[i];
  const df = observed.length - 1;
  return { statistic, pValue: df > 0 ? gammaQ(df / 2, statistic / 2) : NaN, df };
}

/**
 * Chi-squared test of the current category counts against the training proportions (as Evidently):
 * expected = reference share × current count, with an empty reference bucket given the share
 * 1e-4 so a new category shows as strong drift instead of an infinite statistic. Drift at p < 0.05.
 */
export const chiSquaredDriftTest: DriftTest = {
  name: 'chi_squared',
  columnTypes: ['categorical'],
  defaultThreshold: 0.05,
  driftWhen: 'low_p_value',
  run(reference, current, threshold = 0.05) {
    const { ref, cur } = binnedCounts(reference, current);
    const total = cur.reduce((s, c) => s + c, 0);
    const shares = proportions(ref).map((p) => (p === 0 ? 1e-4 : p));
    const sum = shares.reduce((s, p) => s + p, 0);
    const { statistic, pValue } = chiSquaredTest(
      cur,
      shares.map((p) => (p / sum) * total),
    );
    return { test: 'chi_squared', statistic, pValue, threshold, drifted: pValue < threshold };
  },
};
