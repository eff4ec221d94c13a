import { DataError } from '../errors';
import { checkTrainingInput, type TrainingInput } from '../models/training-input';
import type { LinearModel } from '../models/types';
import { solveCholesky } from './cholesky';
import { foldStandardization, standardization } from './standardize';

/** Ridge settings: alpha, the L2 penalty on standardised weights, default 1.0. */
export interface RidgeParams {
  readonly alpha: number;
}

/**
 * Ridge regression in closed form on standardised features (as scikit-learn's
 * make_pipeline(StandardScaler(), Ridge(alpha))), folded back into raw-feature weights;
 * the intercept is not penalised. alpha defaults to 1.0.
 */
export function trainRidge(input: TrainingInput, given: Partial<RidgeParams> = {}): LinearModel {
  const alpha = given.alpha ?? 1;
  if (!(alpha >= 0 && Number.isFinite(alpha))) {
    throw new DataError('bad_spec', `ridge parameter alpha is out of range: ${alpha}`, { param: 'alpha' });
  }
  if (input.task !== 'regression') {
    throw new DataError('bad_spec', `ridge regression fits regression targets, not ${input.task}`);
  }
  const { nRows: n, nFeatures: p } = checkTrainingInput(input);
  const { matrix, target } = input;
  const std = standardization(matrix);
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += target[i];
  yMean /= n;
  // Z'Z + alpha I and Z'(y - mean y), with Z the standardised features.
  const a = new Float64Array(p * p);
  const b = new Float64Array(p);
  const zi = new Float64Array(n);
  const zj = new Float64Array(n);
  for (let i = 0; i < p; i++) {
    standardize(matrix.columns[i], std.mean[i], std.scale[i], zi);
    let s = 0;
    for (let r = 0; r < n; r++) s += zi[r] * (target[r] - yMean);
    b[i] = s;
    for (let j = 0; j <= i; j++) {
      if (j !== i) standardize(matrix.columns[j], std.mean[j], std.scale[j], zj);
      const other = j === i ? zi : zj;
      let d = 0;
      for (let r = 0; r < n; r++) d += zi[r] * other[r];
      a[i * p + j] = d;
      a[j * p + i] = d;
    }
    a[i * p + i] += alpha;
  }
  const w = solveCholesky(a, b, p);
  if (!w) {
    throw new DataError('bad_spec', 'ridge system is singular: set alpha > 0 or drop duplicated features');
  }
  const folded = foldStandardization(std, w, yMean);
  return {
    kind: 'linear',
    task: 'regression',
    nFeatures: p,
    nOutputs: 1,
    weights: [folded.weights],
    intercepts: [folded.intercept],
  };
}

function standardize(col: Float32Array, mean: number, scale: number, out: Float64Array): void {
  for (let r = 0; r < out.length; r++) out[r] = (col[r] - mean) / scale;
}
