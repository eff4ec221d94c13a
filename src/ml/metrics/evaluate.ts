import { DataError } from '../errors';
import type { Task } from '../matrix';
import { accuracy, classScores, macroScores } from './classification';
import { logLoss } from './log-loss';
import { regressionMetrics } from './regression';
import { rocAucScore } from './roc-auc';
import { predictedClasses, type MetricSet, type Probabilities } from './types';

/** What a model predicted: values for regression, class probabilities for classification. */
export type Prediction = Float64Array | Probabilities;

/**
 * The task's metric set: regression mae, rmse, r2, mape; classification accuracy, precision,
 * recall, f1 (binary: of class 1; multiclass: macro), roc_auc (multiclass: one-vs-rest macro),
 * log_loss; each with the row count.
 */
export function evaluate(task: Task, actual: ArrayLike<number>, prediction: Prediction): MetricSet {
  if (task === 'regression') {
    if (!(prediction instanceof Float64Array)) throw mismatch('Regression metrics need predicted values');
    if (prediction.length !== actual.length) throw mismatch(lengths(actual.length, prediction.length));
    return regressionMetrics(actual, prediction);
  }
  if (prediction instanceof Float64Array) throw mismatch('Classification metrics need class probabilities');
  const rows = prediction.values.length / prediction.nClasses;
  if (rows !== actual.length) throw mismatch(lengths(actual.length, rows));
  const predicted = predictedClasses(prediction);
  const scores =
    task === 'binary'
      ? classScores(actual, predicted, 1)
      : macroScores(actual, predicted, prediction.nClasses);
  return {
    accuracy: accuracy(actual, predicted),
    precision: scores.precision,
    recall: scores.recall,
    f1: scores.f1,
    roc_auc: rocAucScore(actual, prediction),
    log_loss: logLoss(actual, prediction),
    count: actual.length,
  };
}

function mismatch(message: string): DataError {
  return new DataError('bad_model', message);
}

function lengths(actual: number, predicted: number): string {
  return `${actual} actual values but ${predicted} predictions`;
}
