import type { ModelVersion, NewModelVersion, VersionStatus } from '../../domain/model-version';
import type { Page, PageRequest } from '../../domain/page';
import type { Stored } from './stored';

/** Version documents (see registry.ts for the error categories). */
export interface VersionStore {
  /** Registers a version with the next number for its model (1 for the first), even under races. */
  createVersion(version: NewModelVersion): Promise<Stored<ModelVersion>>;
  getVersion(model: string, version: number): Promise<Stored<ModelVersion> | undefined>;
  /** The version a run produced, if any (what makes registration idempotent). */
  findVersionByRun(model: string, runId: string): Promise<Stored<ModelVersion> | undefined>;
  /** Newest first. */
  listVersions(model: string, page?: PageRequest): Promise<Page<Stored<ModelVersion>>>;
  /** Sets the status; with ifMatch, only if the version is unchanged since read. */
  updateVersionStatus(
    model: string,
    version: number,
    status: VersionStatus,
    options?: { ifMatch?: string; reason?: string },
  ): Promise<Stored<ModelVersion>>;
}
