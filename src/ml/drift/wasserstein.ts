import { DataError } from '../errors';
import { ecdf, mergedPoints, sortedFinite } from './sorted-sample';
import type { DriftTest } from './types';

/** Wasserstein-1 distance between two samples: ∫ |F_u - F_v| (scipy.stats.wasserstein_distance). */
export function wassersteinDistance(u: ArrayLike<number>, v: ArrayLike<number>): number {
  const a = sortedFinite(u);
  const b = sortedFinite(v);
  if (a.length === 0 || b.length === 0) return NaN;
  const all = mergedPoints(a, b);
  let sum = 0;
  for (let i = 0; i + 1 < all.length; i++) {
    const width = all[i + 1] - all[i];
    if (width > 0) sum += Math.abs(ecdf(a, all[i]) - ecdf(b, all[i])) * width;
  }
  return sum;
}

/**
 * Wasserstein-1 divided by the reference's standard deviation (at least 0.001, as Evidently
 * does), so the threshold means "in reference standard deviations".
 */
export function normalisedWasserstein(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  referenceStd: number,
): number {
  return wassersteinDistance(reference, current) / Math.max(referenceStd, 0.001);
}

/**
 * Normalised Wasserstein distance from the profile: the reference is its mid-quantiles (each
 * standing for 1% of the training values) and its std; drift at >= 0.1 by default.
 */
export const wassersteinTest: DriftTest = {
  name: 'wasserstein',
  columnTypes: ['numeric'],
  defaultThreshold: 0.1,
  driftWhen: 'high_distance',
  run(reference, current, threshold = 0.1) {
    if (reference.type !== 'numeric' || current.type !== 'numeric') {
      throw new DataError('bad_type', 'The Wasserstein distance needs a numeric profile and numeric values');
    }
    const statistic = normalisedWasserstein(reference.quantiles, current.values, reference.std);
    return { test: 'wasserstein', statistic, threshold, drifted: statistic >= threshold };
  },
};
