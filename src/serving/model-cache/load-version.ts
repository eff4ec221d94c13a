import type { ModelVersion } from '../../domain/model-version';
import { AppError } from '../../errors';
import { sha256Hex } from '../../domain/ids';
import { isUploadedCard, parseUploadedCard } from '../../domain/uploaded-model';
import { artifactPaths, parseModelCard } from '../../domain/model-card';
import type { BlobStore } from '../../platform/ports/blob-store';
import type { ServedModel } from './served-model';
import { loadTrainedModel } from './trained-model';
import { loadUploadedModel } from './uploaded-model';

/** Reads a version's card and ONNX and builds a ready model, or refuses it as a whole. */
export type VersionLoader = (version: ModelVersion) => Promise<ServedModel>;

/**
 * Loads versions from the models container. The ONNX bytes must hash to the sha256 recorded on
 * the version: a mismatch (tampered or half-written artifact) is a 503 'artifact_mismatch' and
 * nothing of that version is served.
 */
export function blobVersionLoader(
  blobs: Pick<BlobStore, 'downloadToBuffer'>,
  container: string,
): VersionLoader {
  return async (version) => {
    const { model } = version;
    if (!version.artifact?.path) {
      throw new AppError(
        'unavailable',
        'artifact_missing',
        `Version ${version.version} of ${model} has no ONNX artifact`,
      );
    }
    const cardPath = artifactPaths(model, version.version).card;
    const [cardBlob, onnxBlob] = await Promise.all([
      blobs.downloadToBuffer(container, cardPath),
      blobs.downloadToBuffer(container, version.artifact.path),
    ]);
    const onnx = new Uint8Array(onnxBlob.data.buffer, onnxBlob.data.byteOffset, onnxBlob.data.byteLength);
    const sha = sha256Hex(onnx);
    if (sha !== version.artifact.sha256) {
      throw new AppError(
        'unavailable',
        'artifact_mismatch',
        `Version ${version.version} of ${model} is not served: ${container}/${version.artifact.path} has sha256 ${sha}, the registry recorded ${version.artifact.sha256}`,
        { model, version: version.version },
      );
    }
    const text = cardBlob.data.toString('utf8');
    const where = `${container}/${cardPath}`;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    try {
      return isUploadedCard(json)
        ? await loadUploadedModel(parseUploadedCard(text, where), onnx)
        : await loadTrainedModel(parseModelCard(text, where), onnx);
    } catch (err) {
      throw new AppError(
        'unavailable',
        'model_load_failed',
        `Version ${version.version} of ${model} cannot be loaded: ${err instanceof Error ? err.message : String(err)}`,
        { model, version: version.version },
        { cause: err },
      );
    }
  };
}
