import type { Task } from '../../ml/matrix';
import { binaryProbabilities, predictedClasses, type Prediction } from '../../ml/metrics';

/** Engine output (row-major nRows x nOutputs) as the metrics take it: values or class probabilities. */
export function asPrediction(task: Task, output: Float64Array, nOutputs: number): Prediction {
  if (task === 'regression') return output;
  if (task === 'binary') return binaryProbabilities(output);
  return { nClasses: nOutputs, values: output };
}

/** What the training profile records: predicted values, or predicted class indices. */
export function predictionProfile(
  task: Task,
  output: Float64Array,
  nOutputs: number,
): Float64Array | Int32Array {
  if (task === 'regression') return output;
  return predictedClasses(asPrediction(task, output, nOutputs) as Exclude<Prediction, Float64Array>);
}
