import { sha256Hex, runIdFor } from '../../domain/ids';
import type { PipelineDeps } from '../pipeline-deps';
import { registerCandidate, requestValidation } from '../register/register-candidate';
import { isFinished, updateRun } from '../../domain/run-record';
import { failRun } from '../fail-run';
import { permanentFailure } from '../failure';
import { artifactPaths } from '../../domain/model-card';
import { prepareUpload } from './prepare-upload';
import { actsForPair, pairMember, pairNames, sameEtag } from './upload-pair';
import type { UploadedModelCard } from '../../domain/uploaded-model/uploaded-card';

/** A new or changed blob under `{incoming-models}/{model}/`, as the trigger saw it. */
export interface IncomingBlob {
  readonly container: string;
  readonly model: string;
  /** The file name under the model's folder, e.g. `taxi.onnx`. */
  readonly name: string;
  readonly etag: string;
}

/** What the step did with the blob. */
export type IngestOutcome =
  | { readonly kind: 'ignored' | 'waiting' | 'deferred'; readonly reason: string }
  | { readonly kind: 'already_done'; readonly runId: string }
  | { readonly kind: 'failed'; readonly runId: string; readonly code: string; readonly reason: string }
  | { readonly kind: 'ingested'; readonly runId: string; readonly version: number };

/**
 * Takes up an uploaded model once both `{name}.onnx` and `{name}.json` are there: checks the
 * sidecar and the graph, scores the sidecar's dataset holdout, reserves a candidate version
 * (source 'uploaded') with model.onnx, holdout.jsonl and card.json, and asks for validation.
 * The run id derives from both files' ETags, so a re-fired trigger does nothing twice. A bad
 * upload ends as a failed run saying why; anything else is thrown for the trigger to retry.
 */
export async function ingestUpload(deps: PipelineDeps, blob: IncomingBlob): Promise<IngestOutcome> {
  const member = pairMember(blob.name);
  if (!member)
    return { kind: 'ignored', reason: `${blob.name} is neither a .onnx model nor its .json sidecar` };
  const names = pairNames(blob.model, member.base);
  const [onnx, sidecar] = await Promise.all([
    deps.blobs.tryGetProperties(blob.container, names.onnx),
    deps.blobs.tryGetProperties(blob.container, names.sidecar),
  ]);
  const mine = member.kind === 'onnx' ? onnx : sidecar;
  if (!onnx || !sidecar) {
    const missing = onnx ? names.sidecar : names.onnx;
    return { kind: 'waiting', reason: `waiting for ${blob.container}/${missing}` };
  }
  if (!mine || !sameEtag(mine.etag, blob.etag)) {
    return {
      kind: 'deferred',
      reason: `${blob.name} changed since the trigger fired; its newer version triggers`,
    };
  }
  if (!actsForPair(mine, member.kind === 'onnx' ? sidecar : onnx)) {
    return {
      kind: 'deferred',
      reason: `the other file of ${member.base} arrived later and takes the pair up`,
    };
  }
  const runId = runIdFor(`${blob.container}/${blob.model}/${member.base}`, `${onnx.etag}+${sidecar.etag}`);
  if (isFinished(await deps.registry.getRun(blob.model, runId))) return { kind: 'already_done', runId };
  const reserved = await deps.registry.findVersionByRun(blob.model, runId);
  if (reserved?.artifact.path) {
    // Taken up already (a redelivery, or both files' triggers at once): only the request may be missing.
    if (reserved.status === 'candidate')
      await requestValidation(deps, {
        model: blob.model,
        runId,
        source: 'uploaded',
        version: reserved.version,
      });
    return { kind: 'already_done', runId };
  }
  try {
    const version = await ingest(
      deps,
      blob,
      runId,
      { onnx: onnx.etag, sidecar: sidecar.etag },
      { onnx: onnx.size, sidecar: sidecar.size },
      names,
    );
    return { kind: 'ingested', runId, version };
  } catch (err) {
    const reason = permanentFailure(err);
    if (!reason) throw err;
    await failRun(deps, blob.model, runId, reason);
    return { kind: 'failed', runId, code: reason.code, reason: reason.message };
  }
}

async function ingest(
  deps: PipelineDeps,
  blob: IncomingBlob,
  runId: string,
  etags: { onnx: string; sidecar: string },
  sizes: { onnx: number; sidecar: number },
  names: { onnx: string; sidecar: string },
): Promise<number> {
  const { model, container } = blob;
  const startedAt = new Date().toISOString();
  const existing = await deps.registry.getRun(model, runId);
  await updateRun(deps, model, runId, {
    status: 'running',
    stage: 'ingest',
    progress: 0,
    startedAt,
    trigger: { kind: 'upload', blobName: names.onnx, etag: etags.onnx },
    ...(existing ? {} : { queuedAt: startedAt }),
  });
  const t0 = performance.now();
  const upload = await prepareUpload(deps, { container, model, names, etags, sizes });
  const sha = sha256Hex(upload.onnx);
  const version = await registerCandidate(
    deps,
    {
      model,
      runId,
      source: 'uploaded',
      task: upload.sidecar.task,
      algorithm: 'uploaded-onnx',
      params: {},
      featureSchema: { inputs: upload.sidecar.inputs },
      trainingProfile: {},
      artifact: { path: '', sha256: sha, bytes: upload.onnx.byteLength },
      lineage: upload.lineage,
    },
    {
      files: (reserved) => {
        const paths = artifactPaths(model, reserved.version);
        const card: UploadedModelCard = {
          cardVersion: 1,
          model,
          version: reserved.version,
          runId,
          source: 'uploaded',
          task: upload.sidecar.task,
          algorithm: 'uploaded-onnx',
          sidecar: upload.sidecar,
          target: upload.target,
          spec: upload.spec,
          packageVersion: deps.settings.packageVersion,
          createdAt: reserved.createdAt,
          upload: {
            container,
            onnx: { blobName: names.onnx, etag: etags.onnx },
            sidecar: { blobName: names.sidecar, etag: etags.sidecar },
          },
          lineage: upload.lineage,
          onnx: { path: paths.onnx, sha256: sha, bytes: upload.onnx.byteLength, ...upload.signature },
          holdout: { path: paths.holdout, rows: upload.holdoutRows },
        };
        return { onnx: upload.onnx, sha256: sha, holdoutJsonl: upload.holdoutJsonl, card };
      },
      runProgress: () => ({ timings: { ingest: Math.round(performance.now() - t0) } }),
    },
  );
  return version.version;
}
