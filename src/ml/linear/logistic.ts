import { DataError } from '../errors';
import { checkTrainingInput, type TrainingInput } from '../models/training-input';
import type { LinearModel } from '../models/types';
import { minimizeLbfgs } from './lbfgs';
import { logisticLoss } from './logistic-loss';
import { foldStandardization, standardization } from './standardize';

/** Logistic regression settings: C (inverse L2 strength) 1.0, at most 1000 L-BFGS iterations. */
export interface LogisticParams {
  readonly C: number;
  readonly maxIterations: number;
}

/**
 * L2 logistic regression on standardised features, as scikit-learn's
 * make_pipeline(StandardScaler(), LogisticRegression(C)): binary with one weight vector,
 * multiclass multinomial (softmax) with one per class; the intercepts are not penalised.
 * Solved with L-BFGS, then folded back into raw-feature weights. Defaults: C 1.0, 1000 iterations.
 */
export function trainLogistic(input: TrainingInput, given: Partial<LogisticParams> = {}): LinearModel {
  const C = given.C ?? 1;
  const maxIterations = given.maxIterations ?? 1000;
  if (!(C > 0 && Number.isFinite(C))) {
    throw new DataError('bad_spec', `logistic parameter C is out of range: ${C}`, { param: 'C' });
  }
  if (input.task === 'regression') {
    throw new DataError('bad_spec', 'logistic regression fits binary or multiclass targets, not regression');
  }
  const { nRows: n, nFeatures: p, nClasses } = checkTrainingInput(input);
  const std = standardization(input.matrix);
  // Standardised features, row-major, so one row's values are adjacent in the loss loop.
  const z = new Float64Array(n * p);
  for (let f = 0; f < p; f++) {
    const col = input.matrix.columns[f];
    for (let i = 0; i < n; i++) z[i * p + f] = (col[i] - std.mean[f]) / std.scale[f];
  }
  const y = Int32Array.from(input.target);
  const k = input.task === 'binary' ? 1 : nClasses;
  const loss = logisticLoss(z, y, n, p, k, C);
  const result = minimizeLbfgs(loss, new Float64Array(k * (p + 1)), { maxIterations });
  const weights: number[][] = [];
  const intercepts: number[] = [];
  for (let c = 0; c < k; c++) {
    const at = c * (p + 1);
    const folded = foldStandardization(std, result.x.subarray(at, at + p), result.x[at + p]);
    weights.push(folded.weights);
    intercepts.push(folded.intercept);
  }
  return { kind: 'linear', task: input.task, nFeatures: p, nOutputs: k, weights, intercepts };
}
