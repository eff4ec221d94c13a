/**
 * A boosting objective: turns current raw scores into first and second derivatives of the loss
 * per row (one array per output), which is all the tree learner sees.
 */
export interface Objective {
  readonly name: string;
  /** True when the hessian is the same for every row (the learner can skip summing it). */
  readonly constantHessian: boolean;
  /** Trees per iteration: 1, or K for multiclass. */
  nOutputs(nClasses: number): number;
  /** Raw score before any tree: the loss minimiser of a constant model. */
  baseScore(y: Float64Array, nClasses: number): number[];
  /** Writes grad[k][i] and hess[k][i] for every row i and output k. */
  gradients(
    y: Float64Array,
    scores: readonly Float64Array[],
    grad: Float64Array[],
    hess: Float64Array[],
  ): void;
  /** Mean loss, used for early stopping. */
  loss(y: Float64Array, scores: readonly Float64Array[]): number;
}

/** Smallest hessian used, so a leaf of confident rows keeps a finite value. */
export const MIN_HESSIAN = 1e-16;
