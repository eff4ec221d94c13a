import type { ColumnProfile } from '../profile/types';

/** Current values of one column: numbers (NaN = missing) or labels (null = missing). */
export type CurrentSample =
  | { readonly type: 'numeric'; readonly values: Float64Array }
  | { readonly type: 'categorical'; readonly values: readonly (string | null)[] };

/** Outcome of one drift test on one column (plain JSON). */
export interface DriftResult {
  readonly test: string;
  /** The distance, or the test statistic for p-value tests. */
  readonly statistic: number;
  readonly pValue?: number;
  readonly threshold: number;
  readonly drifted: boolean;
}

/**
 * A drift test: a pure function of the training profile of a column and its current values, and
 * what it needs to be chosen (column types, default threshold, which side of it is drift).
 */
export interface DriftTest {
  readonly name: string;
  readonly columnTypes: readonly ('numeric' | 'categorical')[];
  readonly defaultThreshold: number;
  /** 'low_p_value': drift when p < threshold; 'high_distance': drift when the distance >= threshold. */
  readonly driftWhen: 'low_p_value' | 'high_distance';
  run(reference: ColumnProfile, current: CurrentSample, threshold?: number): DriftResult;
}
