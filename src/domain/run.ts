import type { LeftOutCount } from './model-version';

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Why a run failed, in words a user can act on. */
export interface RunError {
  code: string;
  message: string;
}

/** What a batch-scoring run did: rows read, scored and refused, and where the predictions went. */
export interface ScoringSummary {
  format: string;
  rows: number;
  scored: number;
  /** Rows that got an empty prediction and an `error` (a missing feature, a wrong type). */
  errorRows: number;
  /** The predictions blob, `{model}/{name}` in the predictions container, once written. */
  output?: string;
  /** The challenger on trial that scored the rows beside production (logged as shadow rows). */
  shadowVersion?: number;
}

/** A training (or validation) run: one per dataset blob version, so redeliveries find it. */
export interface Run {
  id: string;
  model: string;
  status: RunStatus;
  /** What started it: a data drop, a retrain request, an uploaded model, a scoring drop. */
  trigger?: {
    kind: string;
    blobName?: string;
    etag?: string;
    reason?: string;
    /** For a retrain: what asked (drift, live_error, manual) and the drift report that caused it. */
    retrainTrigger?: string;
    driftReportId?: string;
  };
  /** The stage it is in or reached (e.g. "parse", "train", "validate", "register"). */
  stage?: string;
  /** 0..1 progress of the current stage, when known. */
  progress?: number;
  queuedAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Milliseconds per stage. */
  timings?: Record<string, number>;
  version?: number;
  /** Rows and values the training left out, per reason (set once the data is read). */
  leftOut?: LeftOutCount[];
  error?: RunError;
  /** Scoring runs (`trigger.kind` "scoring") only. */
  scoring?: ScoringSummary;
  /** A succeeded run that made no version says why, e.g. "already trained as version 3". */
  message?: string;
  /** The existing version with the same data and spec, when this run trained nothing. */
  duplicateOf?: number;
}
