import type { DataTable } from '../../ml/data/table';
import { GBDT_DEFAULTS } from '../../ml/gbdt/params';
import { buildTrainingSet, type TrainingSet } from '../../ml/features/transform-table';
import type { FeaturePipeline } from '../../ml/features/types';
import type { Task } from '../../ml/matrix';
import type { TrainedModel } from '../../ml/models/types';
import type { ModelSpec } from '../../domain/spec/model-spec';
import { trainModel } from './train-model';
import type { TrainerParams } from './trainer-params';
import { refitOffThread } from './refit-off-thread';

/** The model that serves: its pipeline, the rows it learned from, and its iterations. */
export interface ServedModel {
  readonly pipeline: FeaturePipeline;
  readonly model: TrainedModel;
  readonly set: TrainingSet;
  readonly iterations: number;
}

/**
 * The validated settings for a refit: gbdt keeps the iteration count the validated model ended
 * with (early stopping's choice, when it was on) and stops early no more, since a refit on all
 * rows has no rows left to stop on. Linear models refit with the same params.
 */
export function refitParams(
  algorithm: ModelSpec['algorithm'],
  params: TrainerParams,
  iterations: number,
): TrainerParams {
  if (algorithm !== 'gbdt') return params;
  const { earlyStopping: _, ...rest } = params;
  return { ...rest, nEstimators: iterations };
}

/**
 * The iterations a fit with these settings ends with when it can be known before fitting (no
 * gbdt early stopping): what lets the refit train beside the validated model.
 */
export function plannedIterations(
  algorithm: ModelSpec['algorithm'],
  params: TrainerParams,
): number | undefined {
  if (algorithm !== 'gbdt') return 1;
  if (params.earlyStopping === true) return undefined;
  return typeof params.nEstimators === 'number' ? params.nEstimators : GBDT_DEFAULTS.nEstimators;
}

/** The refit's feature pipeline, fitted again on all rows, and its rows encoded by it. */
export function refitSet(
  table: DataTable,
  fitPipelineOn: (rows: Int32Array) => FeaturePipeline,
  allRows: Int32Array,
): { pipeline: FeaturePipeline; set: TrainingSet } {
  const pipeline = fitPipelineOn(allRows);
  return { pipeline, set: buildTrainingSet(pipeline, table, allRows) };
}

/** The validated run a refit repeats on all rows: its algorithm, task, settings and iterations. */
export interface RefitRun {
  readonly algorithm: ModelSpec['algorithm'];
  readonly task: Task;
  readonly params: TrainerParams;
  readonly iterations: number;
}

/**
 * Trains the served model on every row (train + holdout) once the validated one is built: the
 * feature pipeline is fitted again on all rows, then the same algorithm with refitParams.
 */
export function refitOnAllRows(
  table: DataTable,
  fitPipelineOn: (rows: Int32Array) => FeaturePipeline,
  allRows: Int32Array,
  run: RefitRun,
  onIteration?: (done: number, planned: number) => void,
): ServedModel {
  const { pipeline, set } = refitSet(table, fitPipelineOn, allRows);
  const trained = trainModel(
    run.algorithm,
    { matrix: set.X, target: set.y, task: run.task },
    refitParams(run.algorithm, run.params, run.iterations),
    onIteration,
  );
  return { pipeline, model: trained.model, set, iterations: trained.iterations };
}

/**
 * The refit's pipeline and set built here, its fit started on the refit worker: `served` once it
 * is done; `cancel` drops it (the validated model failed, or ended another iteration count).
 */
export function startRefit(
  table: DataTable,
  fitPipelineOn: (rows: Int32Array) => FeaturePipeline,
  allRows: Int32Array,
  run: RefitRun,
  onIteration: (done: number, planned: number) => void,
): { served: Promise<ServedModel>; cancel(): void } {
  const { pipeline, set } = refitSet(table, fitPipelineOn, allRows);
  const running = refitOffThread(
    run.algorithm,
    { matrix: set.X, target: set.y, task: run.task },
    refitParams(run.algorithm, run.params, run.iterations),
    onIteration,
  );
  const served = running.result.then((trained) => ({
    pipeline,
    model: trained.model,
    set,
    iterations: trained.iterations,
  }));
  // A cancelled refit's rejection is expected: nobody awaits it then.
  served.catch(() => {});
  return { served, cancel: () => running.cancel() };
}
