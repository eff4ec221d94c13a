import { AppError } from '../../errors';
import type { ModelVersion } from '../../domain/model-version';
import { DataError } from '../../ml/errors';
import { sha256Hex } from '../../domain/ids';
import type { PipelineDeps } from '../pipeline-deps';
import { isUploadedCard, parseUploadedCard } from '../../domain/uploaded-model';
import { artifactPaths, parseModelCard } from '../../domain/model-card';
import type { AnyCard } from './card-scoring';

/** A registered version with its card and ONNX bytes, as validation and promotion score it. */
export interface VersionFiles {
  readonly version: ModelVersion;
  readonly card: AnyCard;
  readonly onnx: Uint8Array;
}

/**
 * Reads a version's card.json and model.onnx; the ONNX file must still hash to the version's
 * recorded sha256 (DataError 'bad_model' otherwise). A missing version is 'not_found' (the step fails for good).
 */
export async function loadVersionFiles(
  deps: Pick<PipelineDeps, 'blobs' | 'registry' | 'settings'>,
  model: string,
  versionNumber: number,
): Promise<VersionFiles> {
  const version = await deps.registry.getVersion(model, versionNumber);
  if (!version)
    throw new AppError('not_found', 'no_version', `Model ${model} has no version ${versionNumber}`);
  if (!version.artifact.path) {
    throw new DataError('bad_model', `Version ${versionNumber} of ${model} has no ONNX artifact yet`);
  }
  const container = deps.settings.containers.models;
  const cardPath = artifactPaths(model, versionNumber).card;
  const [cardBlob, onnxBlob] = await Promise.all([
    deps.blobs.downloadToBuffer(container, cardPath),
    deps.blobs.downloadToBuffer(container, version.artifact.path),
  ]);
  const onnx = new Uint8Array(onnxBlob.data.buffer, onnxBlob.data.byteOffset, onnxBlob.data.byteLength);
  const sha = sha256Hex(onnx);
  if (sha !== version.artifact.sha256) {
    throw new DataError(
      'bad_model',
      `${container}/${version.artifact.path} does not match version ${versionNumber} (sha256 ${sha}, recorded ${version.artifact.sha256})`,
    );
  }
  return { version, card: readCard(cardBlob.data.toString('utf8'), `${container}/${cardPath}`), onnx };
}

function readCard(text: string, where: string): AnyCard {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return isUploadedCard(json) ? parseUploadedCard(text, where) : parseModelCard(text, where);
}
