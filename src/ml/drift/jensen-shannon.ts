import { binnedCounts, proportions } from './binned';
import type { DriftTest } from './types';

/**
 * Jensen-Shannon distance in base 2 (in [0, 1]): the square root of the JS divergence between
 * the two normalised distributions (scipy.spatial.distance.jensenshannon with base=2).
 */
export function jensenShannonDistance(p: readonly number[], q: readonly number[]): number {
  const a = proportions(p);
  const b = proportions(q);
  let divergence = 0;
  for (let i = 0; i < a.length; i++) {
    const m = (a[i] + b[i]) / 2;
    if (a[i] > 0) divergence += a[i] * Math.log2(a[i] / m);
    if (b[i] > 0) divergence += b[i] * Math.log2(b[i] / m);
  }
  return Math.sqrt(Math.max(0, divergence / 2));
}

/** Jensen-Shannon distance on the profile's bins; drift at >= 0.1 by default. */
export const jensenShannonTest: DriftTest = {
  name: 'jensen_shannon',
  columnTypes: ['numeric', 'categorical'],
  defaultThreshold: 0.1,
  driftWhen: 'high_distance',
  run(reference, current, threshold = 0.1) {
    const { ref, cur } = binnedCounts(reference, current);
    const statistic = jensenShannonDistance(ref, cur);
    return { test: 'jensen_shannon', statistic, threshold, drifted: statistic >= threshold };
  },
};
