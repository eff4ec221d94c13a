import type { ColumnProfile } from '../../../ml/profile/types';

/** Drift of one column (input or prediction) against its reference (plain JSON). */
export interface ColumnDrift {
  /** The metric the verdict rests on: 'wasserstein' (numeric) or 'jensen_shannon' (categorical). */
  readonly metric: string;
  /** Null when the window or the reference has fewer than `minSamples` readable values (`reason`). */
  readonly score: number | null;
  readonly threshold: number;
  readonly drifted: boolean;
  /** PSI on the profile's bins, reported alongside; null with the score. */
  readonly psi: number | null;
  /** Two-sample KS (numeric) or chi-squared (categorical) p-value, reported alongside; null with the score. */
  readonly pValue: number | null;
  readonly pValueTest: 'ks' | 'chi_squared';
  /** Why the column has no score. */
  readonly reason?: string;
  /** The window's distribution on the training profile's bins (what the dashboard overlays). */
  readonly current: ColumnProfile;
}

/** Data quality of one input over the checked rows. */
export interface ColumnQuality {
  /** Readable values. */
  readonly count: number;
  /** Absent, null or an NA token ("n/a", "NaN", ...). */
  readonly missing: number;
  /** Present but not readable as the input's type (e.g. "ten" for a number, an object). */
  readonly unreadable: number;
  /** missing / rows. */
  readonly missingRate: number;
  /** unreadable / rows. */
  readonly unreadableRate: number;
  /** Missing values / rows in the training data. */
  readonly trainingMissingRate: number;
  /** trainingMissingRate + the spec's dataQualityMargin: a higher missing + unreadable rate breaches. */
  readonly limit: number;
  /** (missing + unreadable) / rows above `limit`, judged once the window has minSamples rows. */
  readonly breached: boolean;
  /** Numeric values below the training minimum or above its maximum. */
  readonly outOfRange: number;
}

/** What the window was compared with: the training profile, or an earlier window's distribution. */
export interface DriftReference {
  readonly kind: 'training' | 'recent';
  /** With `recent`: the report whose window is the reference. */
  readonly reportId?: string;
  /** Set when `recent` was asked but training had to stand in (e.g. no earlier window yet). */
  readonly note?: string;
}

export type DriftVerdict = 'drift' | 'data_quality' | 'no_drift' | 'not_enough_data';

/** Result of one model's drift check (plain JSON, stored as the drift report document). */
export interface DriftReport {
  readonly rows: number;
  readonly malformedLines: number;
  readonly verdict: DriftVerdict;
  /** The verdict in words: which rule decided, on which inputs. */
  readonly verdictReason: string;
  readonly minSamples: number;
  readonly reference: DriftReference;
  /** Drifted inputs / inputs with a score. */
  readonly driftedShare: number;
  /** The most important inputs that drifted (any one of them makes the dataset drift). */
  readonly driftedTopFeatures: readonly string[];
  /** Inputs whose missing + unreadable rate breached its limit. */
  readonly qualityBreaches: readonly string[];
  /** The most important inputs among `qualityBreaches` (any one makes the verdict data_quality). */
  readonly qualityBreachedTopFeatures: readonly string[];
  readonly features: Readonly<Record<string, ColumnDrift>>;
  readonly prediction?: ColumnDrift;
  readonly quality: Readonly<Record<string, ColumnQuality>>;
  /** The version's inputs the check cannot measure, and why (e.g. a datetime input). */
  readonly unmonitored: Readonly<Record<string, string>>;
}
