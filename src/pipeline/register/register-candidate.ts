import { AppError } from '../../errors';
import { stepMessageId } from '../../domain/ids';
import type { ValidateRequest } from '../../domain/messages';
import { artifactPaths } from '../../domain/model-card';
import type { ModelVersion, NewModelVersion } from '../../domain/model-version';
import { updateRun, type PipelineRun } from '../../domain/run-record';
import type { PipelineDeps } from '../pipeline-deps';

/** What a trained or uploaded model records on its version before validation judges it. */
export type Candidate = Omit<NewModelVersion, 'status' | 'metrics' | 'sliceMetrics' | 'gates'>;

/** How a candidate's files and its run's progress are made once its version number is known. */
export interface CandidateOutput {
  /** The files of the version (its card names the version). */
  readonly files: (version: ModelVersion) => CandidateArtifacts;
  /** What the run records once the files are written, as it moves on to validation. */
  readonly runProgress: () => Partial<Omit<PipelineRun, 'id' | 'model' | 'etag'>>;
}

/**
 * Registers a trained or uploaded model as a candidate version: reserves the version (the one
 * the run already has, on a redelivery), writes its files, records the run's progress and asks
 * the validate step to judge it. A run whose version was already judged is a 'conflict'.
 */
export async function registerCandidate(
  deps: Pick<PipelineDeps, 'blobs' | 'queue' | 'registry' | 'settings'>,
  candidate: Candidate,
  output: CandidateOutput,
): Promise<ModelVersion> {
  const { model, runId } = candidate;
  const version = await deps.registry.createVersion({
    ...candidate,
    status: 'candidate',
    metrics: {},
    sliceMetrics: [],
    gates: [],
  });
  if (version.status !== 'candidate') {
    throw new AppError(
      'conflict',
      'not_candidate',
      `Version ${version.version} of ${model} is already ${version.status}`,
    );
  }
  await writeCandidateArtifacts(deps, model, version.version, output.files(version));
  await updateRun(deps, model, runId, {
    stage: 'validate',
    progress: 0,
    version: version.version,
    ...output.runProgress(),
  });
  await requestValidation(deps, { model, runId, source: candidate.source, version: version.version });
  return version;
}

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
async function writeCandidateArtifacts(
  deps: Pick<PipelineDeps, 'blobs' | 'registry' | 'settings'>,
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
  await deps.registry.updateVersion(model, version, {
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
