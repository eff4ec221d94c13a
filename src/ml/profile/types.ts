import type { ValueCount } from '../schema/types';

/** Reference distribution of a numeric column (plain JSON). */
export interface NumericProfile {
  readonly type: 'numeric';
  /** Non-missing values. */
  readonly count: number;
  readonly missing: number;
  readonly mean: number;
  /** Population standard deviation (ddof 0). */
  readonly std: number;
  readonly min: number;
  readonly max: number;
  /** Mid-quantiles at (i + 0.5) / Q, i = 0..Q-1: each stands for 1/Q of the values. */
  readonly quantiles: readonly number[];
  /** Histogram on quantile edges: a value v falls in the first bin i with v <= cuts[i], else the last. */
  readonly cuts: readonly number[];
  /** Values per bin; cuts.length + 1 bins. */
  readonly counts: readonly number[];
}

/** Reference distribution of a categorical or boolean column (plain JSON). */
export interface CategoricalProfile {
  readonly type: 'categorical';
  readonly count: number;
  readonly missing: number;
  /** The most frequent values; the rest are counted in `other`. */
  readonly categories: readonly ValueCount[];
  readonly other: number;
}

export type ColumnProfile = NumericProfile | CategoricalProfile;

/** What a model was trained on, stored with it for drift checks (plain JSON). */
export interface TrainingProfile {
  readonly version: 1;
  readonly rowCount: number;
  /** By input column name; datetime inputs are not profiled (time always moves on). */
  readonly columns: Readonly<Record<string, ColumnProfile>>;
  /** The model's predictions on the training rows: values, or predicted class labels. */
  readonly prediction?: ColumnProfile;
  /** By datetime input column: the first and last time trained on (absent before it was recorded). */
  readonly timeRanges?: Readonly<Record<string, TimeRange>>;
}

/** A span of time as ISO 8601 strings. */
export interface TimeRange {
  readonly min: string;
  readonly max: string;
}
