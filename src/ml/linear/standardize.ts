import { DataError } from '../errors';
import type { FeatureMatrix } from '../matrix';

/** Per-feature mean and scale (population standard deviation; 1 for a constant feature). */
export interface Standardization {
  readonly mean: Float64Array;
  readonly scale: Float64Array;
}

/**
 * Mean and scale of every column, as scikit-learn's StandardScaler. Linear models need imputed
 * inputs: a missing (NaN) or infinite value is rejected naming the feature and row.
 */
export function standardization(matrix: FeatureMatrix): Standardization {
  const p = matrix.columns.length;
  const n = matrix.nRows;
  const mean = new Float64Array(p);
  const scale = new Float64Array(p);
  for (let f = 0; f < p; f++) {
    const col = matrix.columns[f];
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const x = col[i];
      if (!Number.isFinite(x)) {
        throw new DataError(
          'missing_value',
          `feature '${matrix.names[f]}' has a missing or infinite value at row ${i}; linear models need imputed inputs`,
          { column: matrix.names[f], row: i },
        );
      }
      sum += x;
    }
    const m = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (col[i] - m) * (col[i] - m);
    const sd = Math.sqrt(ss / n);
    mean[f] = m;
    scale[f] = sd > 1e-12 * Math.max(1, Math.abs(m)) ? sd : 1;
  }
  return { mean, scale };
}

/** Raw-feature weights and intercept from weights on standardised features: w/scale, b - sum(w mean/scale). */
export function foldStandardization(
  std: Standardization,
  w: ArrayLike<number>,
  b: number,
): { weights: number[]; intercept: number } {
  const weights = Array.from(w, (wf, f) => wf / std.scale[f]);
  let intercept = b;
  for (let f = 0; f < weights.length; f++) intercept -= weights[f] * std.mean[f];
  return { weights, intercept };
}
