import type { TrainedThrough } from '../../domain/model-version';
import { readDataset } from '../../ml/data/read-dataset';
import { findColumn, type ReadLimits } from '../../ml/data/table';
import { DataError } from '../../ml/errors';
import { fitPipeline } from '../../ml/features/fit-pipeline';
import { leftOutOf, type LeftOut } from '../../ml/features/left-out';
import { featureImportance, type InputImportance } from '../../ml/importance';
import { buildTrainingSet } from '../../ml/features/transform-table';
import type { FeaturePipeline } from '../../ml/features/types';
import type { Task } from '../../ml/matrix';
import { evaluate, type MetricSet } from '../../ml/metrics';
import { predict } from '../../ml/models/predict';
import { exportOnnx, type OnnxSignature } from '../../ml/onnx';
import { buildTrainingProfile, type TrainingProfile } from '../../ml/profile';
import { inferSchema, type TableSchema } from '../../ml/schema';
import { readStrayCells } from '../../ml/schema/stray-cells';
import type { ModelSpec } from '../../domain/spec/model-spec';
import { holdoutLines } from './holdout-file';
import { inferTask } from './infer-task';
import { checkSpecColumns } from './spec-columns';
import { plannedIterations, refitOnAllRows, startRefit, type ServedModel } from './refit-model';
import { holdoutSplit } from './holdout-split';
import { canRefitAlongside, warmRefitWorker } from './refit-off-thread';
import { seenRows, timeValues } from './seen-rows-record';
import { trainModel } from './train-model';
import { trainerParams, type TrainerParams } from './trainer-params';
import { asPrediction, predictionProfile } from './prediction-shape';

/** What the training step works on: the dropped file, its spec and the size limits. */
export interface FitInput {
  readonly content: Uint8Array;
  readonly fileName: string;
  readonly spec: ModelSpec;
  readonly limits: ReadLimits;
  /**
   * Only the first this many rows may be held out; the rest always train (a retrain set's rows
   * labelled by feedback, with retrain.holdout "drops"). Default: any row.
   */
  readonly holdoutAmong?: number;
}

/** Progress a caller may write to the run. */
export interface FitProgress {
  readonly stage: 'read' | 'fit' | 'train' | 'export';
  readonly progress: number;
  readonly rowsRead?: number;
  readonly iterations?: number;
}

/** Everything the pipeline stores about a trained model (plain data, transferable between threads). */
export interface FitResult {
  readonly task: Task;
  readonly params: TrainerParams;
  readonly rows: number;
  readonly columns: number;
  readonly trainRows: number;
  readonly holdoutRows: number;
  /** Rows and values training left out, per reason (empty when none). */
  readonly leftOut: LeftOut[];
  readonly iterations: number;
  readonly schema: TableSchema;
  readonly pipeline: FeaturePipeline;
  readonly trainingProfile: TrainingProfile;
  /** Per input column, most important first, summing to 1 (see featureImportance). */
  readonly featureImportance: InputImportance[];
  /** The engine's metrics on the holdout (validation recomputes them with ONNX Runtime). */
  readonly engineMetrics: MetricSet;
  readonly onnx: Uint8Array;
  readonly signature: OnnxSignature;
  /** holdout.jsonl: the raw holdout rows and the served model's engine prediction for each. */
  readonly holdoutJsonl: string;
  readonly timings: Readonly<Record<string, number>>;
  /**
   * With validation.refit, the model judged on the holdout (trained on the train rows only);
   * everything above but engineMetrics, trainRows and iterations is then the served model's.
   */
  readonly validated?: { readonly pipeline: FeaturePipeline; readonly onnx: Uint8Array };
  /** With validation.refit: the rows and iterations of the served model, trained on all rows. */
  readonly refit?: { readonly rows: number; readonly iterations: number };
  /** With a time column: the latest time the served model trained on (its numeric value). */
  readonly trainedThrough?: TrainedThrough;
  /** Without a time column: hashes of the served model's training rows, sorted (see rowHash). */
  readonly trainingRows?: { readonly columns: string[]; readonly hashes: Uint32Array };
}

/**
 * The whole CPU side of training, free of I/O: read and check the data, infer its schema, split
 * the holdout (time-ordered on spec.timeColumn, else seeded random), fit the feature pipeline
 * on the training rows, train, predict the holdout, profile, rank the inputs, export ONNX.
 */
export async function fitDataset(
  input: FitInput,
  onProgress: (p: FitProgress) => void = () => {},
  progressIntervalMs = 200,
): Promise<FitResult> {
  const { spec } = input;
  const t0 = performance.now();
  // The refit's worker loads the engine while the data is read.
  if (spec.validation.refit && spec.params.earlyStopping !== true) warmRefitWorker();
  const read = await readDataset(
    Buffer.from(input.content.buffer, input.content.byteOffset, input.content.byteLength),
    input.fileName,
    input.limits,
    spec.format,
  );
  if (read.rowCount === 0) throw new DataError('no_rows', `${input.fileName} has a header but no data rows`);
  onProgress({ stage: 'read', progress: 1, rowsRead: read.rowCount });
  const tRead = performance.now();

  checkSpecColumns(read, spec);
  // A few text cells in a column of numbers are missing values, counted (see leftOut).
  const keep = new Set([
    spec.target,
    ...(spec.timeColumn ? [spec.timeColumn] : []),
    ...Object.keys(spec.format.dateFormats),
  ]);
  const { table, strays } = readStrayCells(read, keep);
  const task = spec.task ?? inferTask(findColumn(table, spec.target)!);
  const params = trainerParams(spec, task);
  const timeColumns = spec.timeColumn === undefined ? [] : [spec.timeColumn];
  const dateFormats = spec.format.dateFormats;
  const schema = inferSchema(table, { timeColumns, dateFormats, target: spec.target });
  const times = spec.timeColumn === undefined ? undefined : timeValues(table, schema, spec.timeColumn);
  const split = holdoutSplit(table, times, spec, input.holdoutAmong);
  const fitPipelineOn = (rows: Int32Array): FeaturePipeline =>
    fitPipeline(table, {
      target: spec.target,
      task,
      ...(spec.features ? { features: spec.features } : {}),
      exclude: spec.exclude,
      ...(spec.timeColumn ? { timeColumn: spec.timeColumn } : {}),
      dateFormats,
      forModel: spec.algorithm === 'gbdt' ? 'trees' : 'linear',
      rows,
    });
  const pipeline = fitPipelineOn(Int32Array.from(split.train));
  const train = buildTrainingSet(pipeline, table, Int32Array.from(split.train));
  const holdout = buildTrainingSet(pipeline, table, Int32Array.from(split.holdout));
  if (holdout.rows.length === 0) {
    throw new DataError('no_rows', `No holdout row has a value for target "${spec.target}"`, {
      column: spec.target,
    });
  }
  onProgress({ stage: 'train', progress: 0, rowsRead: table.rowCount });
  const tFit = performance.now();

  // Iteration progress at most every progressIntervalMs (default 200): enough to watch a run,
  // too few messages and run writes to slow training down. A refit is the second half.
  const { refit } = spec.validation;
  let lastReport = performance.now();
  const progressFrom =
    (start: number, share: number) =>
    (done: number, planned: number): void => {
      const now = performance.now();
      if (now - lastReport < progressIntervalMs) return;
      lastReport = now;
      const progress = start + (share * done) / planned;
      onProgress({ stage: 'train', progress, rowsRead: table.rowCount, iterations: done });
    };
  const trainSet = { matrix: train.X, target: train.y, task };
  const allRows = Int32Array.from([...split.train, ...split.holdout]).sort();
  const run = { algorithm: spec.algorithm, task, params };
  // Without early stopping the refit's settings are known before the validated model is: it
  // trains on another core meanwhile (same result as after it, in about half the time).
  const planned = refit ? plannedIterations(spec.algorithm, params) : undefined;
  const beside =
    planned !== undefined &&
    canRefitAlongside(spec.algorithm, params, allRows.length * train.X.columns.length)
      ? startRefit(table, fitPipelineOn, allRows, { ...run, iterations: planned }, progressFrom(0.5, 0.5))
      : undefined;
  const tFitStart = performance.now();
  let trained: ReturnType<typeof trainModel>;
  try {
    trained = trainModel(spec.algorithm, trainSet, params, progressFrom(0, refit ? 0.5 : 1));
  } catch (err) {
    beside?.cancel();
    throw err;
  }
  const holdoutPred = predict(trained.model, holdout.X);
  const engineMetrics = evaluate(task, holdout.y, asPrediction(task, holdoutPred, trained.model.nOutputs));
  const tFitEnd = performance.now();
  let served: ServedModel;
  if (!refit) served = { pipeline, model: trained.model, set: train, iterations: trained.iterations };
  else if (beside && planned === trained.iterations) served = await beside.served;
  else {
    beside?.cancel();
    const refitRun = { ...run, iterations: trained.iterations };
    served = refitOnAllRows(table, fitPipelineOn, allRows, refitRun, progressFrom(0.5, 0.5));
  }
  const tTrain = performance.now();
  onProgress({ stage: 'export', progress: 0, rowsRead: table.rowCount, iterations: trained.iterations });

  const model = served.model;
  const servedHoldoutPred = refit
    ? predict(model, buildTrainingSet(served.pipeline, table, holdout.rows).X)
    : holdoutPred;
  const trainPred = predict(model, served.set.X);
  const tPredict = performance.now();
  const trainingProfile = buildTrainingProfile(served.pipeline, table, {
    rows: served.set.rows,
    predictions: predictionProfile(task, trainPred, model.nOutputs),
  });
  const importance = featureImportance(model, served.pipeline, served.set.X);
  const tProfile = performance.now();
  const onnxOf = (m: typeof model, p: FeaturePipeline): ReturnType<typeof exportOnnx> =>
    exportOnnx(m, { metadata: { feature_names: JSON.stringify(p.featureNames) } });
  const exported = onnxOf(model, served.pipeline);
  const holdoutJsonl = holdoutLines(table, holdout.rows, servedHoldoutPred, model.nOutputs, times);
  const seen = seenRows(table, served, times, spec.timeColumn);
  const tEnd = performance.now();
  return {
    task,
    params,
    rows: table.rowCount,
    columns: table.columns.length,
    trainRows: train.rows.length,
    holdoutRows: holdout.rows.length,
    leftOut: leftOutOf(table, pipeline, strays),
    iterations: trained.iterations,
    schema,
    pipeline: served.pipeline,
    trainingProfile,
    featureImportance: importance,
    engineMetrics,
    onnx: exported.bytes,
    signature: exported.signature,
    holdoutJsonl,
    ...seen,
    ...(refit
      ? {
          validated: { pipeline, onnx: onnxOf(trained.model, pipeline).bytes },
          refit: { rows: served.set.rows.length, iterations: served.iterations },
        }
      : {}),
    timings: {
      readMs: Math.round(tRead - t0),
      prepareMs: Math.round(tFit - tRead),
      trainMs: Math.round(tTrain - tFit),
      // Within trainMs: the validated model (and its holdout predictions), then the refit (its
      // pipeline and fit; beside the validated model, the wait left after it).
      fitMs: Math.round(tFitEnd - tFitStart),
      refitMs: Math.round(tTrain - tFitEnd + (tFitStart - tFit)),
      predictMs: Math.round(tPredict - tTrain),
      profileMs: Math.round(tProfile - tPredict),
      exportMs: Math.round(tEnd - tProfile),
    },
  };
}
