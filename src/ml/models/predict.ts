import { DataError } from '../errors';
import type { FeatureMatrix } from '../matrix';
import { predictTreesRaw } from '../gbdt/predict-trees';
import { predictLinearRaw } from '../linear/predict-linear';
import type { TrainedModel } from './types';

/**
 * Raw scores, row-major: nRows x nOutputs (margins for classifiers, values for regression).
 * Walks the same Tree arrays and weights the ONNX exporter reads, in float32 comparisons.
 */
export function predictRaw(model: TrainedModel, matrix: FeatureMatrix): Float64Array {
  if (matrix.columns.length !== model.nFeatures) {
    throw new DataError(
      'bad_spec',
      `the model takes ${model.nFeatures} features but the matrix has ${matrix.columns.length}`,
    );
  }
  return model.kind === 'gbdt' ? predictTreesRaw(model, matrix) : predictLinearRaw(model, matrix);
}

/**
 * Predictions, row-major nRows x nOutputs: values for regression, the positive-class probability
 * for binary (sigmoid), class probabilities for multiclass (softmax, each row sums to 1).
 */
export function predict(model: TrainedModel, matrix: FeatureMatrix): Float64Array {
  return toOutput(model, predictRaw(model, matrix));
}

/** Applies the task's link to raw scores in place: identity, sigmoid or row-wise softmax. */
export function toOutput(model: Pick<TrainedModel, 'task' | 'nOutputs'>, raw: Float64Array): Float64Array {
  if (model.task === 'binary') {
    for (let i = 0; i < raw.length; i++) raw[i] = 1 / (1 + Math.exp(-raw[i]));
  } else if (model.task === 'multiclass') {
    softmaxRows(raw, model.nOutputs);
  }
  return raw;
}

/** Numerically stable softmax over each row of K consecutive values, in place. */
export function softmaxRows(values: Float64Array, k: number): void {
  for (let base = 0; base < values.length; base += k) {
    let max = -Infinity;
    for (let j = 0; j < k; j++) if (values[base + j] > max) max = values[base + j];
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const e = Math.exp(values[base + j] - max);
      values[base + j] = e;
      sum += e;
    }
    for (let j = 0; j < k; j++) values[base + j] /= sum;
  }
}
