import type { FeaturePipeline } from '../features/types';
import type { FeatureMatrix } from '../matrix';
import type { TrainedModel } from '../models/types';
import { encodedImportance } from './encoded-importance';
import { inputImportance, type InputImportance } from './input-importance';

export { encodedImportance, inputImportance, type InputImportance };

/** Importance per input column of a model trained on `matrix` (the pipeline's training matrix). */
export function featureImportance(
  model: TrainedModel,
  pipeline: FeaturePipeline,
  matrix: FeatureMatrix,
): InputImportance[] {
  return inputImportance(pipeline, encodedImportance(model, matrix));
}
