import { formatFromName, type DataFormat } from '../../ml/data';
import { DataError } from '../../ml/errors';
import { runIdFor } from '../../domain/ids';

/** A new or changed blob under `{scoring}/{model}/`, as the scoring step takes it. */
export interface ScoringDrop {
  readonly model: string;
  /** The path under the model's folder: `{name}` or `v{N}/{name}`. */
  readonly name: string;
  /** Blob name within the scoring container: `{model}/{name}`. */
  readonly blobName: string;
  readonly etag: string;
  /** Derived from blobName and etag (scoringRunIdFor): the same blob version is the same run. */
  readonly runId: string;
}

/** What a scoring drop's path asks for: the version (production unless pinned), format and output. */
export interface ScoringTarget {
  readonly pinnedVersion?: number;
  readonly format: DataFormat;
  /** Blob name within the predictions container: `{model}/{name}` (without the `v{N}/`). */
  readonly outputBlobName: string;
}

/**
 * The scoring run id: like a training run's, from the blob's name and ETag, but under its own
 * prefix and namespace so a scoring drop never shares an id with a data drop of the same name.
 */
export function scoringRunIdFor(blobName: string, etag: string): string {
  return runIdFor(`scoring/${blobName}`, etag).replace(/^run-/, 'score-');
}

/** Reads `{name}` or `v{N}/{name}`; DataError 'bad_spec' for a nested path or an unknown format. */
export function scoringTarget(drop: Pick<ScoringDrop, 'model' | 'name'>): ScoringTarget {
  const pinned = /^v(\d+)\/(.+)$/.exec(drop.name);
  const file = pinned ? pinned[2]! : drop.name;
  if (file.includes('/')) {
    throw new DataError(
      'bad_spec',
      `${drop.model}/${drop.name}: a scoring drop is {model}/{name} or {model}/v{N}/{name}, with no other folders`,
    );
  }
  const version = pinned ? Number(pinned[1]) : undefined;
  if (version !== undefined && (!Number.isSafeInteger(version) || version < 1)) {
    throw new DataError('bad_spec', `${drop.model}/${drop.name}: v${pinned![1]} is not a version number`);
  }
  return {
    ...(version !== undefined && { pinnedVersion: version }),
    format: formatFromName(file),
    outputBlobName: `${drop.model}/${file}`,
  };
}
