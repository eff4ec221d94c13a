import type { FeatureMatrix } from '../matrix';
import type { LinearModel } from '../models/types';

/** Raw scores of a linear model, row-major nRows x nOutputs: intercept + w·x on raw features. */
export function predictLinearRaw(model: LinearModel, matrix: FeatureMatrix): Float64Array {
  const k = model.nOutputs;
  const n = matrix.nRows;
  const out = new Float64Array(n * k);
  for (let j = 0; j < k; j++) {
    const w = model.weights[j];
    for (let r = 0; r < n; r++) out[r * k + j] = model.intercepts[j];
    for (let f = 0; f < model.nFeatures; f++) {
      const col = matrix.columns[f];
      const wf = w[f];
      for (let r = 0; r < n; r++) out[r * k + j] += wf * col[r];
    }
  }
  return out;
}
