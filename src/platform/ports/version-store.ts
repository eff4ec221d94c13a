import type { ModelVersion, NewModelVersion, VersionStatus } from '../../domain/model-version';
import type { Page, PageRequest } from '../../domain/page';
import type { Stored } from './stored';

/** The parts of a version document the pipeline fills in after the version is reserved. */
export type VersionPatch = Partial<
  Pick<
    ModelVersion,
    | 'status'
    | 'statusReason'
    | 'metrics'
    | 'sliceMetrics'
    | 'gates'
    | 'artifact'
    | 'featureSchema'
    | 'trainingProfile'
    | 'params'
    | 'comparison'
    | 'trial'
  >
>;

/** Version documents (see registry.ts for the error categories). */
export interface VersionStore {
  /** Registers a version with the next number for its model (1 for the first), even under races. */
  createVersion(version: NewModelVersion): Promise<Stored<ModelVersion>>;
  getVersion(model: string, version: number): Promise<Stored<ModelVersion> | undefined>;
  /** The version a run produced, if any (what makes registration idempotent). */
  findVersionByRun(model: string, runId: string): Promise<Stored<ModelVersion> | undefined>;
  /** Newest first. */
  listVersions(model: string, page?: PageRequest): Promise<Page<Stored<ModelVersion>>>;
  /**
   * Merges `patch` into the version (artifact, metrics, gate verdicts, status and reason, trial)
   * in one document write. With ifMatch, only if unchanged since read ('conflict' otherwise);
   * without, the read-modify-write is retried on a lost race.
   */
  updateVersion(
    model: string,
    version: number,
    patch: VersionPatch,
    options?: { ifMatch?: string },
  ): Promise<Stored<ModelVersion>>;
  /** Sets the status; with ifMatch, only if the version is unchanged since read. */
  updateVersionStatus(
    model: string,
    version: number,
    status: VersionStatus,
    options?: { ifMatch?: string; reason?: string },
  ): Promise<Stored<ModelVersion>>;
}
