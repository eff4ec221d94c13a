import type { Probabilities } from './types';

/** Probabilities are clipped to [1e-15, 1 - 1e-15] so a confident miss costs a large, finite loss. */
const EPS = 1e-15;

/** Mean negative log-likelihood of the actual classes (natural log). */
export function logLoss(actual: ArrayLike<number>, probs: Probabilities): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const p = probs.values[i * probs.nClasses + actual[i]];
    sum -= Math.log(Math.min(1 - EPS, Math.max(EPS, p)));
  }
  return sum / actual.length;
}
