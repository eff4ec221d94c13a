import { createHash } from 'node:crypto';
import { AppError } from '../../errors';
import type { BlobStore } from '../../platform/ports/blob-store';
import type { VersionStore } from '../../platform/ports/version-store';

/** What `GET .../versions/{v}/artifact` answers: the bytes, or a 304. */
export type ArtifactResult =
  | { readonly kind: 'bytes'; readonly etag: string; readonly data: Buffer }
  | { readonly kind: 'not_modified'; readonly etag: string };

export interface ArtifactDeps {
  readonly registry: Pick<VersionStore, 'getVersion'>;
  readonly blobs: Pick<BlobStore, 'downloadToBuffer'>;
  readonly modelsContainer: string;
}

/** The strong ETag of an artifact: its sha256, quoted. */
export const artifactEtag = (sha256: string): string => `"${sha256}"`;

/**
 * A version's ONNX file. `ifNoneMatch` (the header as sent) naming its sha256, or `*`, answers
 * not_modified without reading the blob; otherwise the bytes are read and their sha256 checked
 * against the record, so a client never receives a file other than the one validated: a missing
 * or changed file is AppError 'corrupt' (500, with what is wrong).
 */
export async function getArtifact(
  deps: ArtifactDeps,
  model: string,
  version: number,
  ifNoneMatch: string | null,
): Promise<ArtifactResult> {
  const record = await deps.registry.getVersion(model, version);
  if (!record) {
    throw new AppError('not_found', 'version_not_found', `Model "${model}" has no version ${version}`, {
      model,
      version,
    });
  }
  const { path, sha256 } = record.artifact;
  const etag = artifactEtag(sha256);
  if (ifNoneMatch !== null && matches(ifNoneMatch, sha256)) return { kind: 'not_modified', etag };
  let data: Buffer;
  try {
    data = (await deps.blobs.downloadToBuffer(deps.modelsContainer, path)).data;
  } catch (err) {
    if (!(err instanceof AppError && err.category === 'not_found')) throw err;
    throw corrupt(`The artifact of ${model} v${version} is missing from ${deps.modelsContainer}/${path}`, {
      model,
      version,
      path,
    });
  }
  const actual = createHash('sha256').update(data).digest('hex');
  if (actual !== sha256) {
    throw corrupt(
      `The stored artifact of ${model} v${version} does not match its record: sha256 ${actual}, expected ${sha256}`,
      { model, version, path, expected: sha256, actual },
    );
  }
  return { kind: 'bytes', etag, data };
}

/** If-None-Match is a list of (possibly weak) tags, or `*`. */
function matches(header: string, sha256: string): boolean {
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === `"${sha256}"`);
}

function corrupt(message: string, details: Record<string, unknown>): AppError {
  return new AppError('corrupt', 'artifact_corrupt', message, details);
}
