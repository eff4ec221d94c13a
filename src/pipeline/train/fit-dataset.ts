import { readDataset } from '../../ml/data/read-dataset';
import { findColumn, type DataTable, type ReadLimits } from '../../ml/data/table';
import { DataError } from '../../ml/errors';
import { fitPipeline } from '../../ml/features/fit-pipeline';
import { leftOutOf, type LeftOut } from '../../ml/features/left-out';
import { featureImportance, type InputImportance } from '../../ml/importance';
import { numericValues } from '../../ml/features/column-values';
import { buildTrainingSet } from '../../ml/features/transform-table';
import type { FeaturePipeline } from '../../ml/features/types';
import type { Task } from '../../ml/matrix';
import { evaluate, type MetricSet } from '../../ml/metrics';
import { predict } from '../../ml/models/predict';
import { exportOnnx, type OnnxSignature } from '../../ml/onnx';
import { buildTrainingProfile, type TrainingProfile } from '../../ml/profile';
import { inferSchema, type TableSchema } from '../../ml/schema';
import { randomSplit, timeOrderedSplit, type HoldoutSplit } from '../../ml/split/holdout';
import type { ModelSpec } from '../spec/model-spec';
import { holdoutLines } from './holdout-file';
import { inferTask } from './infer-task';
import { checkSpecColumns } from './spec-columns';
import { trainModel } from './train-model';
import { trainerParams, type TrainerParams } from './trainer-params';
import { asPrediction, predictionProfile } from './prediction-shape';

/** What the training step works on: the dropped file, its spec and the size limits. */
export interface FitInput {
  readonly content: Uint8Array;
  readonly fileName: string;
  readonly spec: ModelSpec;
  readonly limits: ReadLimits;
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
  /** holdout.jsonl: the raw holdout rows and the engine's prediction for each. */
  readonly holdoutJsonl: string;
  readonly timings: Readonly<Record<string, number>>;
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
  const table = await readDataset(
    Buffer.from(input.content.buffer, input.content.byteOffset, input.content.byteLength),
    input.fileName,
    input.limits,
    spec.format,
  );
  if (table.rowCount === 0) throw new DataError('no_rows', `${input.fileName} has a header but no data rows`);
  onProgress({ stage: 'read', progress: 1, rowsRead: table.rowCount });
  const tRead = performance.now();

  checkSpecColumns(table, spec);
  const task = spec.task ?? inferTask(findColumn(table, spec.target)!);
  const params = trainerParams(spec, task);
  const timeColumns = spec.timeColumn === undefined ? [] : [spec.timeColumn];
  const dateFormats = spec.format.dateFormats;
  const schema = inferSchema(table, { timeColumns, dateFormats, target: spec.target });
  const split = holdoutSplit(table, schema, spec);
  const pipeline = fitPipeline(table, {
    target: spec.target,
    task,
    ...(spec.features ? { features: spec.features } : {}),
    exclude: spec.exclude,
    ...(spec.timeColumn ? { timeColumn: spec.timeColumn } : {}),
    dateFormats,
    forModel: spec.algorithm === 'gbdt' ? 'trees' : 'linear',
    rows: Int32Array.from(split.train),
  });
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
  // too few messages and run writes to slow training down.
  let lastReport = performance.now();
  const onIteration = (done: number, planned: number): void => {
    const now = performance.now();
    if (now - lastReport < progressIntervalMs) return;
    lastReport = now;
    onProgress({ stage: 'train', progress: done / planned, rowsRead: table.rowCount, iterations: done });
  };
  const trained = trainModel(spec.algorithm, { matrix: train.X, target: train.y, task }, params, onIteration);
  const tTrain = performance.now();
  onProgress({ stage: 'export', progress: 0, rowsRead: table.rowCount, iterations: trained.iterations });

  const model = trained.model;
  const holdoutPred = predict(model, holdout.X);
  const engineMetrics = evaluate(task, holdout.y, asPrediction(task, holdoutPred, model.nOutputs));
  const trainPred = predict(model, train.X);
  const tPredict = performance.now();
  const trainingProfile = buildTrainingProfile(pipeline, table, {
    rows: train.rows,
    predictions: predictionProfile(task, trainPred, model.nOutputs),
  });
  const importance = featureImportance(model, pipeline, train.X);
  const tProfile = performance.now();
  const exported = exportOnnx(model, { metadata: { feature_names: JSON.stringify(pipeline.featureNames) } });
  const holdoutJsonl = holdoutLines(table, holdout.rows, holdoutPred, model.nOutputs);
  const tEnd = performance.now();
  return {
    task,
    params,
    rows: table.rowCount,
    columns: table.columns.length,
    trainRows: train.rows.length,
    holdoutRows: holdout.rows.length,
    leftOut: leftOutOf(table, pipeline),
    iterations: trained.iterations,
    schema,
    pipeline,
    trainingProfile,
    featureImportance: importance,
    engineMetrics,
    onnx: exported.bytes,
    signature: exported.signature,
    holdoutJsonl,
    timings: {
      readMs: Math.round(tRead - t0),
      prepareMs: Math.round(tFit - tRead),
      trainMs: Math.round(tTrain - tFit),
      predictMs: Math.round(tPredict - tTrain),
      profileMs: Math.round(tProfile - tPredict),
      exportMs: Math.round(tEnd - tProfile),
    },
  };
}

function holdoutSplit(table: DataTable, schema: TableSchema, spec: ModelSpec): HoldoutSplit {
  const fraction = spec.validation.holdoutFraction;
  if (spec.timeColumn === undefined) return randomSplit(table.rowCount, fraction, spec.seed);
  const col = findColumn(table, spec.timeColumn)!;
  const colSchema = schema.columns.find((c) => c.name === spec.timeColumn)!;
  const times = numericValues(col, {
    name: col.name,
    type: colSchema.type,
    ...(colSchema.unit ? { unit: colSchema.unit } : {}),
    ...(colSchema.format ? { format: colSchema.format } : {}),
  });
  return timeOrderedSplit(times, fraction, spec.timeColumn);
}
