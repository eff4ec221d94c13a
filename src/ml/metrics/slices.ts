import { evaluate, type Prediction } from './evaluate';
import type { Task } from '../matrix';
import type { MetricSet, Probabilities } from './types';

/** The metrics of the rows sharing one value of a slice column. */
export interface SliceMetrics {
  readonly value: string;
  readonly count: number;
  readonly metrics: MetricSet;
}

/** Options of sliceMetrics: slices smaller than minCount (default 1) are left out; at most maxSlices (default 50), largest first. */
export interface SliceOptions {
  readonly minCount?: number;
  readonly maxSlices?: number;
}

/**
 * Metrics per value of a slice column (labels per row, null = missing, reported as "(missing)"),
 * largest slices first, ties in value order.
 */
export function sliceMetrics(
  task: Task,
  actual: ArrayLike<number>,
  prediction: Prediction,
  labels: readonly (string | null)[],
  options: SliceOptions = {},
): SliceMetrics[] {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const key = labels[i] ?? '(missing)';
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [i]);
    else list.push(i);
  }
  return [...groups]
    .filter(([, rows]) => rows.length >= (options.minCount ?? 1))
    .sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, options.maxSlices ?? 50)
    .map(([value, rows]) => ({
      value,
      count: rows.length,
      metrics: evaluate(
        task,
        rows.map((r) => actual[r]),
        subset(prediction, rows),
      ),
    }));
}

function subset(prediction: Prediction, rows: readonly number[]): Prediction {
  if (prediction instanceof Float64Array) return Float64Array.from(rows, (r) => prediction[r]);
  const K = (prediction as Probabilities).nClasses;
  const values = new Float64Array(rows.length * K);
  rows.forEach((r, i) => values.set(prediction.values.subarray(r * K, r * K + K), i * K));
  return { nClasses: K, values };
}
