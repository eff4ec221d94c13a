import { binnedCounts, proportions } from './binned';
import type { DriftTest } from './types';

/**
 * Population stability index Σ (cur - ref) · ln(cur / ref) over bin proportions. An empty bin's
 * proportion is replaced by eps (default 1e-4, as Evidently does) so the log stays finite.
 */
export function psi(refCounts: readonly number[], curCounts: readonly number[], eps = 1e-4): number {
  const ref = proportions(refCounts).map((p) => (p === 0 ? eps : p));
  const cur = proportions(curCounts).map((p) => (p === 0 ? eps : p));
  return ref.reduce((sum, r, i) => sum + (cur[i] - r) * Math.log(cur[i] / r), 0);
}

/** PSI on the profile's bins; drift at >= 0.1 by default. */
export const psiTest: DriftTest = {
  name: 'psi',
  columnTypes: ['numeric', 'categorical'],
  defaultThreshold: 0.1,
  driftWhen: 'high_distance',
  run(reference, current, threshold = 0.1) {
    const { ref, cur } = binnedCounts(reference, current);
    const statistic = psi(ref, cur);
    return { test: 'psi', statistic, threshold, drifted: statistic >= threshold };
  },
};
