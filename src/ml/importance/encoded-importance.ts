import { DataError } from '../errors';
import { standardization } from '../linear/standardize';
import type { FeatureMatrix } from '../matrix';
import type { TrainedModel } from '../models/types';

/**
 * Importance of each encoded feature (one per matrix column): total split gain for a tree
 * ensemble; for a linear model |weight| x standard deviation summed over outputs, i.e. the
 * weight on the standardised feature (its weights are stored for raw features). `matrix` is the
 * training matrix; trees do not read it.
 */
export function encodedImportance(model: TrainedModel, matrix: FeatureMatrix): number[] {
  if (model.nFeatures !== matrix.columns.length) {
    throw new DataError(
      'bad_model',
      `the model takes ${model.nFeatures} features but the training matrix has ${matrix.columns.length}`,
    );
  }
  if (model.kind === 'gbdt') return Array.from(model.featureImportance);
  const { scale } = standardization(matrix);
  return Array.from({ length: model.nFeatures }, (_, f) => {
    let sum = 0;
    for (const w of model.weights) sum += Math.abs(w[f]) * scale[f];
    return sum;
  });
}
