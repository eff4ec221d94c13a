import type { ModelVersion } from '../../domain/model-version';

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

/**
 * Writes the details of a registered version (artifact, metrics, gate verdicts, status and
 * reason) in one document write. The Registry port sets only the status; this is the rest.
 */
export interface VersionDetails {
  /**
   * Merges `patch` into the version. With ifMatch, only if unchanged since read ('conflict'
   * otherwise); without, the read-modify-write is retried on a lost race.
   */
  updateVersion(
    model: string,
    version: number,
    patch: VersionPatch,
    options?: { ifMatch?: string },
  ): Promise<ModelVersion>;
}
