import type { Run } from './run';
import type { JsonValue } from './json';

/** The model spec (model.json) as last accepted, kept opaque: its schema lives with the pipeline. */
export interface ModelSpecDocument {
  model: string;
  spec: JsonValue;
  updatedAt: string;
}

/**
 * A monitoring record (drift report, checkpoint, retrain record, feedback): the registry stores
 * the body its writer typed and does not interpret it.
 */
export interface MonitoringDocument<B = unknown> {
  model: string;
  id: string;
  /** What kind of record, e.g. "drift" or "performance"; listed by kind. */
  kind: string;
  createdAt: string;
  body: B;
}

/** A model known to the registry, aggregated from its versions, alias, spec and runs. */
export interface ModelSummary {
  model: string;
  /** 0 while the model has no version (e.g. every run failed). */
  latestVersion: number;
  versionCount: number;
  productionVersion?: number;
  /** The newest run by queue time: a model whose runs all failed is listed with why. */
  latestRun?: Pick<Run, 'id' | 'status' | 'queuedAt' | 'finishedAt' | 'error'>;
  updatedAt: string;
}
