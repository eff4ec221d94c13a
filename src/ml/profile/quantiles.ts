/** Quantile of sorted values at probability p with linear interpolation (numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = p * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Quantiles at (i + 0.5) / q for i = 0..q-1 (default q = 100). */
export function midQuantiles(sorted: ArrayLike<number>, q = 100): number[] {
  return Array.from({ length: q }, (_, i) => quantileSorted(sorted, (i + 0.5) / q));
}

/**
 * Cut points for about `bins` equal-mass bins (default 10): the unique inner quantiles below the
 * maximum, taken as observed values (no interpolation) so discrete columns get fewer, non-empty bins.
 */
export function quantileCuts(sorted: ArrayLike<number>, bins = 10): number[] {
  const max = sorted[sorted.length - 1];
  const cuts: number[] = [];
  for (let i = 1; i < bins; i++) {
    const q = sorted[Math.floor((i / bins) * (sorted.length - 1))];
    if (q < max && (cuts.length === 0 || q > cuts[cuts.length - 1])) cuts.push(q);
  }
  return cuts;
}

/** Counts of the finite values per bin: value v in the first bin i with v <= cuts[i], else the last. */
export function binCounts(cuts: readonly number[], values: ArrayLike<number>): number[] {
  const counts = new Array<number>(cuts.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    let lo = 0;
    let hi = cuts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v <= cuts[mid]) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]++;
  }
  return counts;
}
