import { DataError } from '../../ml/errors';
import { sha256Hex } from '../../domain/ids';
import type { PipelineDeps } from '../pipeline-deps';
import { registerCandidate, requestValidation } from '../register/register-candidate';
import { isFinished, updateRun } from '../../domain/run-record';
import { notADataDrop, type DataDrop } from '../../domain/data-drop';
import { specSha256 } from '../../domain/spec/spec-hash';
import { claimTraining } from './training-claim';
import { inProcessTrainer } from './fit-off-thread';
import { findTrainedVersion } from './find-trained-version';
import { loadSpec } from '../../domain/spec/load-spec';
import { progressWriter } from './progress-writer';
import { artifactPaths, type ModelCard } from '../../domain/model-card';
import { extraFiles } from './extra-files';

/** What the train step did with a drop. */
export type TrainOutcome =
  | { readonly kind: 'ignored'; readonly reason: string }
  | { readonly kind: 'already_done'; readonly runId: string }
  | { readonly kind: 'trained'; readonly runId: string; readonly version: number }
  | { readonly kind: 'duplicate'; readonly runId: string; readonly version: number }
  /** Another run holds the claim on the same data and spec and is training it. */
  | { readonly kind: 'duplicate'; readonly runId: string; readonly twinRun: string };

/**
 * Trains on a data drop: opens the run, reads the spec, trains off the main thread, reserves a
 * candidate version, writes model.onnx, card.json and holdout.jsonl, and asks for validation.
 * Every step is safe to redo: a finished run does nothing, a reserved version is reused.
 */
export async function trainOnDataDrop(deps: PipelineDeps, drop: DataDrop): Promise<TrainOutcome> {
  const skip = notADataDrop(drop.name);
  if (skip !== undefined) return { kind: 'ignored', reason: `${drop.blobName} is not a data drop: ${skip}` };
  const { model, runId } = drop;
  const existing = await deps.registry.getRun(model, runId);
  if (isFinished(existing)) return { kind: 'already_done', runId };
  const reserved = await deps.registry.findVersionByRun(model, runId);
  if (reserved?.artifact.path) {
    // A redelivery after the artifacts were written: only the validate request may be missing.
    await requestValidation(deps, { model, runId, source: 'trained', version: reserved.version });
    return { kind: 'trained', runId, version: reserved.version };
  }
  const startedAt = new Date().toISOString();
  const tStart = performance.now();
  await updateRun(deps, model, runId, {
    status: 'running',
    stage: 'read',
    progress: 0,
    startedAt,
    trigger: drop.retrain
      ? {
          kind: 'retrain',
          blobName: drop.blobName,
          etag: drop.etag,
          reason: drop.retrain.reason,
          retrainTrigger: drop.retrain.trigger,
          ...(drop.retrain.driftReportId === undefined ? {} : { driftReportId: drop.retrain.driftReportId }),
        }
      : { kind: 'data_drop', blobName: drop.blobName, etag: drop.etag },
    ...(existing ? {} : { queuedAt: startedAt }),
  });
  const limit = deps.settings.limits.maxDatasetBytes;
  if (drop.size > limit || drop.content.byteLength > limit) {
    throw new DataError(
      'too_large',
      `${drop.blobName} is ${Math.max(drop.size, drop.content.byteLength)} bytes, over the limit of ${limit} bytes (MAX_DATASET_BYTES)`,
      { limit },
    );
  }
  const spec = await loadSpec(deps, model);
  const datasetSha = sha256Hex(drop.content);
  const specSha = specSha256(spec);
  const twin = await findTrainedVersion(deps, model, datasetSha, specSha);
  if (twin) {
    const message = `already trained as version ${twin.version}: same data (sha256 ${datasetSha.slice(0, 12)}) and spec`;
    await updateRun(deps, model, runId, {
      status: 'succeeded',
      stage: 'train',
      progress: 1,
      message,
      duplicateOf: twin.version,
      finishedAt: new Date().toISOString(),
    });
    return { kind: 'duplicate', runId, version: twin.version };
  }
  const claim = await claimTraining(deps.registry, model, runId, datasetSha, specSha);
  if (claim.kind === 'taken') {
    const message = `not trained again: run ${claim.runId} is training the same data (sha256 ${datasetSha.slice(0, 12)}) with the same spec; its version is this drop's`;
    await updateRun(deps, model, runId, {
      status: 'succeeded',
      stage: 'train',
      progress: 1,
      message,
      finishedAt: new Date().toISOString(),
    });
    return { kind: 'duplicate', runId, twinRun: claim.runId };
  }
  const progress = progressWriter(deps, model, runId);
  const t0 = performance.now();
  const fit = await (deps.trainer ?? inProcessTrainer).fit(
    {
      content: drop.content,
      fileName: drop.name,
      spec,
      ...(spec.retrain.holdout === 'drops' && drop.retrain?.dropRows !== undefined
        ? { holdoutAmong: drop.retrain.dropRows }
        : {}),
      limits: {
        maxBytes: limit,
        maxRows: deps.settings.limits.maxDatasetRows,
        maxColumns: deps.settings.limits.maxDatasetColumns,
      },
    },
    progress.write,
  );
  await progress.flush();
  const trainWallMs = Math.round(performance.now() - t0);
  const openMs = Math.round(t0 - tStart);

  const sha = sha256Hex(fit.onnx);
  const lineage = {
    blobName: drop.blobName,
    etag: drop.etag,
    sha256: datasetSha,
    rows: fit.rows,
    columns: fit.columns,
    ...(drop.retrain ? { retrain: drop.retrain } : {}),
    leftOut: fit.leftOut,
  };
  const version = await registerCandidate(
    deps,
    {
      model,
      runId,
      source: 'trained',
      task: fit.task,
      algorithm: spec.algorithm,
      params: { ...fit.params },
      featureSchema: fit.pipeline,
      trainingProfile: fit.trainingProfile,
      featureImportance: fit.featureImportance,
      artifact: { path: '', sha256: sha, bytes: fit.onnx.byteLength },
      lineage,
      specSha256: specSha,
      ...(fit.refit ? { refit: fit.refit } : {}),
      ...(fit.trainedThrough ? { trainedThrough: fit.trainedThrough } : {}),
    },
    {
      files: (reserved) => {
        deps.telemetry?.metric('TrainingDurationMs', trainWallMs, {
          model,
          version: String(reserved.version),
          algorithm: spec.algorithm,
        });
        const paths = artifactPaths(model, reserved.version);
        const extra = extraFiles(fit, paths);
        const card: ModelCard = {
          cardVersion: 1,
          model,
          version: reserved.version,
          runId,
          source: 'trained',
          task: fit.task,
          algorithm: spec.algorithm,
          spec,
          params: fit.params,
          seed: spec.seed,
          packageVersion: deps.settings.packageVersion,
          createdAt: reserved.createdAt,
          lineage,
          durationsMs: { ...fit.timings, trainStepMs: trainWallMs },
          data: {
            trainRows: fit.trainRows,
            holdoutRows: fit.holdoutRows,
            iterations: fit.iterations,
            servedRows: fit.refit?.rows ?? fit.trainRows,
          },
          featureSchema: fit.schema,
          featurePipeline: fit.pipeline,
          trainingProfile: fit.trainingProfile,
          featureImportance: fit.featureImportance,
          engineMetrics: fit.engineMetrics,
          onnx: { path: paths.onnx, sha256: sha, bytes: fit.onnx.byteLength, ...fit.signature },
          holdout: { path: paths.holdout, rows: fit.holdoutRows },
          ...extra.card,
        };
        return {
          onnx: fit.onnx,
          sha256: sha,
          holdoutJsonl: fit.holdoutJsonl,
          card,
          extraFiles: extra.files,
        };
      },
      runProgress: () => ({
        rowsRead: fit.rows,
        leftOut: fit.leftOut,
        iterations: fit.iterations,
        timings: {
          ...fit.timings,
          open: openMs,
          train: trainWallMs,
          artifacts: Math.round(performance.now() - t0) - trainWallMs,
        },
      }),
    },
  );
  return { kind: 'trained', runId, version: version.version };
}
