/** Drift of one column (input or prediction) against its training profile (plain JSON). */
export interface ColumnDrift {
  /** The metric the verdict rests on: 'wasserstein' (numeric) or 'jensen_shannon' (categorical). */
  readonly metric: string;
  readonly score: number;
  readonly threshold: number;
  readonly drifted: boolean;
  /** PSI on the profile's bins, reported alongside. */
  readonly psi: number;
  /** Two-sample KS (numeric) or chi-squared (categorical) p-value, reported alongside. */
  readonly pValue: number;
  readonly pValueTest: 'ks' | 'chi_squared';
}

/** Data quality of one input over the checked rows. */
export interface ColumnQuality {
  readonly count: number;
  readonly missing: number;
  readonly missingRate: number;
  /** Values of the wrong type (e.g. text for a numeric input); also counted as missing. */
  readonly typeErrors: number;
  /** Numeric values below the training minimum or above its maximum. */
  readonly outOfRange: number;
}

/** Result of one model's drift check (plain JSON, stored as the drift report document). */
export interface DriftReport {
  readonly rows: number;
  readonly malformedLines: number;
  readonly verdict: 'drift' | 'no_drift' | 'not_enough_data';
  readonly minSamples: number;
  /** Drifted inputs / checked inputs. */
  readonly driftedShare: number;
  /** The most important inputs that drifted (any one of them makes the dataset drift). */
  readonly driftedTopFeatures: readonly string[];
  readonly features: Readonly<Record<string, ColumnDrift>>;
  readonly prediction?: ColumnDrift;
  readonly quality: Readonly<Record<string, ColumnQuality>>;
}
