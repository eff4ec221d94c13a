import { trainGbdt } from '../../ml/gbdt/boosting';
import { trainLogistic } from '../../ml/linear/logistic';
import { trainRidge } from '../../ml/linear/ridge';
import type { TrainingInput } from '../../ml/models/training-input';
import type { TrainedModel } from '../../ml/models/types';
import type { ModelSpec } from '../../domain/spec/model-spec';
import type { TrainerParams } from './trainer-params';

/** A trained model and the boosting iterations it kept (1 for linear models). */
export interface Trained {
  readonly model: TrainedModel;
  readonly iterations: number;
}

/** Runs the spec's algorithm with checked params (see trainerParams). */
export function trainModel(
  algorithm: ModelSpec['algorithm'],
  input: TrainingInput,
  params: TrainerParams,
  onIteration?: (done: number, planned: number) => void,
): Trained {
  if (algorithm === 'linear') return { model: trainRidge(input, params), iterations: 1 };
  if (algorithm === 'logistic') return { model: trainLogistic(input, params), iterations: 1 };
  const { earlyStopping, ...rest } = params;
  const given = { ...rest, ...(earlyStopping === true ? { earlyStopping: {} } : {}) } as Parameters<
    typeof trainGbdt
  >[1];
  const result = trainGbdt(input, given, onIteration ? { onIteration } : {});
  return { model: result.model, iterations: result.iterations };
}
