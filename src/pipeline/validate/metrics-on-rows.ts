import type { Task } from '../../ml/matrix';
import { evaluate, type MetricSet } from '../../ml/metrics';
import { asPrediction } from '../train/prediction-shape';
import type { HoldoutScores } from './score-holdout';

/** A model's metrics on some of the holdout rows it was scored on (indices into the holdout). */
export function metricsOnRows(task: Task, scores: HoldoutScores, rows: readonly number[]): MetricSet {
  const w = scores.nOutputs;
  const output = new Float64Array(rows.length * w);
  rows.forEach((r, i) => output.set(scores.output.subarray(r * w, (r + 1) * w), i * w));
  const actual = Float64Array.from(rows, (r) => scores.actual[r]);
  return evaluate(task, actual, asPrediction(task, output, w));
}
