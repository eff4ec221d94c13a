import { byFrequency, sortedFinite } from '../schema/column-stats';
import { binCounts, midQuantiles, quantileCuts } from './quantiles';
import type { CategoricalProfile, NumericProfile } from './types';

/** Options of the column profiles: 10 histogram bins, 100 mid-quantiles, 50 categories by default. */
export interface ProfileOptions {
  readonly bins?: number;
  readonly quantiles?: number;
  readonly maxCategories?: number;
}

/** Profile of numeric values (NaN = missing): moments, mid-quantiles and a quantile-edge histogram. */
export function profileNumeric(values: ArrayLike<number>, options: ProfileOptions = {}): NumericProfile {
  const finite = sortedFinite(values);
  const n = finite.length;
  const missing = values.length - n;
  if (n === 0) {
    return {
      type: 'numeric',
      count: 0,
      missing,
      mean: NaN,
      std: NaN,
      min: NaN,
      max: NaN,
      quantiles: [],
      cuts: [],
      counts: [0],
    };
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += finite[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (finite[i] - mean) ** 2;
  const cuts = quantileCuts(finite, options.bins ?? 10);
  return {
    type: 'numeric',
    count: n,
    missing,
    mean,
    std: Math.sqrt(ss / n),
    min: finite[0],
    max: finite[n - 1],
    quantiles: midQuantiles(finite, options.quantiles ?? 100),
    cuts,
    counts: binCounts(cuts, finite),
  };
}

/** Profile of labels (null = missing): the most frequent categories and a count of the rest. */
export function profileCategorical(
  labels: readonly (string | null)[],
  options: ProfileOptions = {},
): CategoricalProfile {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const label of labels) {
    if (label === null) missing++;
    else counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const all = [...counts].map(([value, count]) => ({ value, count })).sort(byFrequency);
  const categories = all.slice(0, options.maxCategories ?? 50);
  const other = all.slice(categories.length).reduce((s, c) => s + c.count, 0);
  return { type: 'categorical', count: labels.length - missing, missing, categories, other };
}
