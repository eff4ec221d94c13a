import type { Alias, AliasName } from '../../domain/alias';
import type { ModelSpecDocument, ModelSummary, MonitoringDocument } from '../../domain/documents';
import type { ModelVersion, NewModelVersion, VersionStatus } from '../../domain/model-version';
import type { Page, PageRequest } from '../../domain/page';
import type { JsonValue } from '../../domain/json';
import type { Run } from '../../domain/run';

/**
 * The model registry: versions, aliases, runs, specs and monitoring records. Errors are
 * AppErrors: 'conflict' for a lost race (ETag mismatch, create of an existing record),
 * 'not_found' for a missing model, version or alias, 'unavailable' when the store is down.
 */
export interface Registry {
  /** Registers a version with the next number for its model (1 for the first), even under races. */
  createVersion(version: NewModelVersion): Promise<ModelVersion>;
  getVersion(model: string, version: number): Promise<ModelVersion | undefined>;
  /** The version a run produced, if any (what makes registration idempotent). */
  findVersionByRun(model: string, runId: string): Promise<ModelVersion | undefined>;
  /** Newest first. */
  listVersions(model: string, page?: PageRequest): Promise<Page<ModelVersion>>;
  /** Sets the status; with ifMatch, only if the version is unchanged since read. */
  updateVersionStatus(
    model: string,
    version: number,
    status: VersionStatus,
    options?: { ifMatch?: string; reason?: string },
  ): Promise<ModelVersion>;

  getAlias(model: string, name: AliasName): Promise<Alias | undefined>;
  /**
   * Points the alias at a version. ifMatch = the ETag read (compare-and-swap); null = create
   * only (no alias yet). A lost race is a 'conflict'.
   */
  setAlias(
    model: string,
    name: AliasName,
    version: number,
    ifMatch: string | null,
    reason?: string,
  ): Promise<Alias>;

  /** Creates or replaces the run; with ifMatch, only if unchanged since read; with ifNoneMatch '*', only if new. */
  putRun(run: Run, options?: { ifMatch?: string; ifNoneMatch?: '*' }): Promise<Run>;
  getRun(model: string, id: string): Promise<Run | undefined>;
  /** Newest first. */
  listRuns(model: string, page?: PageRequest): Promise<Page<Run>>;

  getSpec(model: string): Promise<ModelSpecDocument | undefined>;
  putSpec(model: string, spec: JsonValue): Promise<ModelSpecDocument>;

  /** Every model with at least one version, spec or run (with the newest run), in name order. */
  listModels(): Promise<ModelSummary[]>;

  /**
   * Stores a monitoring record: without ifMatch, create or replace; with an ETag, only the state
   * read (compare-and-swap); with null, create only. A lost race is a 'conflict'.
   */
  putMonitoring(doc: MonitoringDocument, options?: { ifMatch?: string | null }): Promise<MonitoringDocument>;
  /** One record by id, with its ETag. */
  getMonitoring(model: string, id: string): Promise<MonitoringDocument | undefined>;
  /** Of one kind, newest first. */
  listMonitoring(model: string, kind: string, page?: PageRequest): Promise<Page<MonitoringDocument>>;

  /** Resolves when the store answers; an 'unavailable' AppError otherwise. */
  ping(): Promise<void>;
}
