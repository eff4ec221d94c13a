import { stepMessageId } from '../domain/ids';
import type { ValidateRequest } from '../domain/messages';
import type { PipelineDeps } from './pipeline-deps';
import { artifactPaths } from '../domain/model-card';

/** What a candidate version stores in the models container, trained or uploaded alike. */
export interface CandidateArtifacts {
  readonly onnx: Uint8Array;
  readonly sha256: string;
  readonly holdoutJsonl: string;
  readonly card: unknown;
  /** More files of the version (validated model, training row hashes), written before the card. */
  readonly extraFiles?: readonly { readonly path: string; readonly data: Uint8Array }[];
}

/**
 * Writes model.onnx, holdout.jsonl and card.json of a candidate (card last: its presence means
 * the others are there), then records the artifact on the version document. Safe to redo.
 */
export async function writeCandidateArtifacts(
  deps: Pick<PipelineDeps, 'blobs' | 'versions' | 'settings'>,
  model: string,
  version: number,
  artifacts: CandidateArtifacts,
): Promise<void> {
  const paths = artifactPaths(model, version);
  const container = deps.settings.containers.models;
  await deps.blobs.upload(container, paths.onnx, Buffer.from(artifacts.onnx), {
    contentType: 'application/octet-stream',
  });
  await deps.blobs.upload(container, paths.holdout, artifacts.holdoutJsonl, {
    contentType: 'application/x-ndjson',
  });
  for (const file of artifacts.extraFiles ?? []) {
    await deps.blobs.upload(container, file.path, Buffer.from(file.data), {
      contentType: 'application/octet-stream',
    });
  }
  await deps.blobs.upload(container, paths.card, JSON.stringify(artifacts.card, null, 2), {
    contentType: 'application/json',
  });
  await deps.versions.updateVersion(model, version, {
    artifact: { path: paths.onnx, sha256: artifacts.sha256, bytes: artifacts.onnx.byteLength },
  });
}

/** Asks the validate step to judge a candidate version. */
export async function requestValidation(
  deps: Pick<PipelineDeps, 'queue' | 'settings'>,
  message: Omit<ValidateRequest, 'schema' | 'kind'>,
): Promise<void> {
  const body: ValidateRequest = { schema: 1, kind: 'validate', ...message };
  await deps.queue.send(deps.settings.queues.validate, body, {
    messageId: stepMessageId('validate', body.model, body.runId),
  });
}
