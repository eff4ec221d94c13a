import { DataError } from '../errors';
import type { FeaturePipeline } from '../features/types';

/** One input column's share of the model's importance. */
export interface InputImportance {
  readonly feature: string;
  readonly importance: number;
}

/**
 * Sums encoded-feature importance per input column of the pipeline (a one-hot or date-parts step
 * feeds several encoded features from one input), normalised to sum 1 and sorted most important
 * first (ties in input order). Every input is listed; all are 0 when the model uses none.
 */
export function inputImportance(pipeline: FeaturePipeline, encoded: readonly number[]): InputImportance[] {
  if (encoded.length !== pipeline.featureNames.length) {
    throw new DataError(
      'bad_model',
      `${encoded.length} feature importances for a pipeline of ${pipeline.featureNames.length} features`,
    );
  }
  const sums = new Map(pipeline.inputs.map((input) => [input.name, 0]));
  let at = 0;
  for (const step of pipeline.steps) {
    const width = 'outputs' in step ? step.outputs.length : 1;
    let sum = 0;
    for (let k = 0; k < width; k++) sum += Math.max(0, encoded[at + k]);
    at += width;
    sums.set(step.input, (sums.get(step.input) ?? 0) + sum);
  }
  const total = [...sums.values()].reduce((a, b) => a + b, 0);
  return [...sums]
    .map(([feature, sum]) => ({ feature, importance: total > 0 ? sum / total : 0 }))
    .sort((a, b) => b.importance - a.importance);
}
