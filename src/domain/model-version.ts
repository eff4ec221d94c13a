import type { FeaturePipeline } from '../ml/features/types';
import type { TrainingProfile } from '../ml/profile/types';
import type { JsonValue } from './json';
import type { SidecarInput } from './uploaded-model/sidecar';
import type { TrialRecord } from './trial';

export const VERSION_STATUSES = [
  'candidate',
  'validated',
  'rejected',
  'challenger',
  'production',
  'archived',
] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** The data a version was trained on: enough to find it again and prove it unchanged. */
export interface DatasetLineage {
  blobName: string;
  etag: string;
  sha256: string;
  rows: number;
  columns: number;
  /** Set when the data was assembled by a retrain request: why it was asked. */
  retrain?: RetrainLineage;
  /** Rows and values training left out, per reason; empty when none (absent on older versions). */
  leftOut?: LeftOutCount[];
}

/**
 * Rows (or one column's values) training left out for one reason: missing_target,
 * unparseable_target, unseen_class (rows); rare_category (values read as unknown),
 * infinite_value, unparseable_value (values read as missing).
 */
export interface LeftOutCount {
  reason: string;
  scope: 'rows' | 'values';
  column: string;
  count: number;
  example?: string;
  message: string;
}

/** Why a version was retrained: what asked, in words, and the drift report that caused it. */
export interface RetrainLineage {
  /** drift, live_error or manual. */
  trigger: string;
  reason: string;
  requestedAt: string;
  driftReportId?: string;
  /**
   * Rows of the retrain set that came from data drops: the set's first rows; the rest are logged
   * predictions labelled by feedback. Absent on sets assembled before it was recorded.
   */
  dropRows?: number;
}

/** The ONNX file of a version, in the models container. */
export interface ArtifactRef {
  path: string;
  sha256: string;
  bytes?: number;
}

/** One slice's holdout metrics (one value of a slice column). */
export interface SliceMetric {
  column: string;
  value: string;
  rows: number;
  metrics: Record<string, number>;
}

/** A gate's outcome as recorded on the version: passed or not, and why in words. */
export interface GateRecord {
  passed: boolean;
  reason: string;
  /** The gate as configured (metric, thresholds), kept as written by the validate step. */
  gate?: Readonly<Record<string, unknown>>;
}

/** One input column's share of a trained model's importance (the shares of a version sum to 1). */
export interface FeatureImportance {
  feature: string;
  importance: number;
}

/** The served model of a refit version: trained on all rows (train + holdout) once validated. */
export interface RefitRecord {
  rows: number;
  iterations: number;
}

/** The latest time (numeric value of the time column) the served model trained on. */
export interface TrainedThrough {
  column: string;
  last: number;
  /** The same time as the data file wrote it. */
  label: string;
}

/** How a candidate was compared with production: on holdout rows production never trained on. */
export interface ChampionComparison {
  championVersion: number;
  /** time: later than its training data; rows: not among its training rows; all: unknown, every row. */
  basis: 'time' | 'rows' | 'all';
  /** Holdout rows compared on, of holdoutRows. */
  rows: number;
  holdoutRows: number;
  /** False when fewer than validation.minRows were left: decided on the absolute gates alone. */
  compared: boolean;
  reason: string;
}

/**
 * How a version reads requests: a trained version's fitted feature pipeline (inputs typed as
 * columns), or the graph inputs an uploaded model's sidecar declares (typed as tensors).
 */
export type VersionFeatureSchema = FeaturePipeline | { readonly inputs: readonly SidecarInput[] };

/** The training data's distributions the drift check compares with; empty for uploaded models. */
export type VersionTrainingProfile = TrainingProfile | Readonly<Record<string, never>>;

/** A registered model version: the full record of one trained (or uploaded) model. */
export interface ModelVersion {
  model: string;
  /** Per-model number, 1, 2, 3... assigned by the registry. */
  version: number;
  status: VersionStatus;
  /** The run that produced it; at most one version per run. */
  runId: string;
  source: 'trained' | 'uploaded';
  task?: string;
  algorithm?: string;
  metrics: Record<string, number>;
  sliceMetrics: SliceMetric[];
  gates: GateRecord[];
  params: Record<string, JsonValue>;
  featureSchema: VersionFeatureSchema;
  trainingProfile: VersionTrainingProfile;
  /**
   * Every input column, most important first: split gain (gbdt) or |coefficient| on the
   * standardised feature (linear), summed per input. Absent on uploaded and older versions.
   */
  featureImportance?: FeatureImportance[];
  artifact: ArtifactRef;
  lineage?: DatasetLineage;
  /** sha256 of the parsed spec (canonical JSON): with lineage.sha256, one version per data and spec. */
  specSha256?: string;
  /** Set when the served model was refit on all rows; metrics are the validated model's holdout metrics. */
  refit?: RefitRecord;
  trainedThrough?: TrainedThrough;
  /** Set by validation when there was a production version to compare with. */
  comparison?: ChampionComparison;
  /** Set once the version was a challenger on live traffic: its trial and the live evidence. */
  trial?: TrialRecord;
  /** Why the status is what it is (gate failures, who promoted it). */
  statusReason?: string;
  createdAt: string;
  updatedAt: string;
}

/** What the caller supplies to register a version; the registry assigns number and times. */
export type NewModelVersion = Omit<ModelVersion, 'version' | 'createdAt' | 'updatedAt'>;
