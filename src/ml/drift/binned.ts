import { DataError } from '../errors';
import type { ColumnProfile } from '../profile/types';
import { binCounts } from '../profile/quantiles';
import type { CurrentSample } from './types';

/**
 * Reference and current counts on the reference's bins: its quantile-edge histogram for numeric
 * columns, its categories plus one "other" bucket (rare and unseen values) for categorical ones.
 */
export function binnedCounts(
  reference: ColumnProfile,
  current: CurrentSample,
): { ref: number[]; cur: number[] } {
  if (reference.type === 'numeric') {
    if (current.type !== 'numeric') throw mismatch('numeric');
    return { ref: [...reference.counts], cur: binCounts(reference.cuts, current.values) };
  }
  if (current.type !== 'categorical') throw mismatch('categorical');
  const index = new Map(reference.categories.map((c, i) => [c.value, i]));
  const cur = new Array<number>(reference.categories.length + 1).fill(0);
  for (const v of current.values) if (v !== null) cur[index.get(v) ?? reference.categories.length]++;
  const ref = [...reference.categories.map((c) => c.count), reference.other];
  // The "other" bucket only counts when either side has something in it.
  if (ref[ref.length - 1] === 0 && cur[cur.length - 1] === 0)
    return { ref: ref.slice(0, -1), cur: cur.slice(0, -1) };
  return { ref, cur };
}

/** Counts as proportions (all zeros stay zeros). */
export function proportions(counts: readonly number[]): number[] {
  const total = counts.reduce((s, c) => s + c, 0);
  return counts.map((c) => (total === 0 ? 0 : c / total));
}

function mismatch(type: string): DataError {
  return new DataError('bad_type', `The column's training profile is ${type} but its current values are not`);
}
