import { MIN_HESSIAN, type Objective } from './objective';

const EPS = 1e-15;

/** Softmax cross-entropy, one tree per class per iteration: gradient p_k - [y = k], hessian p_k(1 - p_k). */
export const multiclassSoftmax: Objective = {
  name: 'multiclass_softmax',
  constantHessian: false,
  nOutputs: (nClasses) => nClasses,
  baseScore(y, nClasses) {
    const counts = new Float64Array(nClasses);
    for (let i = 0; i < y.length; i++) counts[y[i]]++;
    return Array.from(counts, (c) => Math.log(Math.max(EPS, c / y.length)));
  },
  gradients(y, scores, grad, hess) {
    const k = scores.length;
    const p = new Float64Array(k);
    for (let i = 0; i < y.length; i++) {
      softmaxAt(scores, i, p);
      for (let j = 0; j < k; j++) {
        grad[j][i] = p[j] - (y[i] === j ? 1 : 0);
        hess[j][i] = Math.max(p[j] * (1 - p[j]), MIN_HESSIAN);
      }
    }
  },
  loss(y, scores) {
    const p = new Float64Array(scores.length);
    let sum = 0;
    for (let i = 0; i < y.length; i++) {
      softmaxAt(scores, i, p);
      sum -= Math.log(Math.max(EPS, p[y[i]]));
    }
    return sum / y.length;
  },
};

function softmaxAt(scores: readonly Float64Array[], i: number, p: Float64Array): void {
  let max = -Infinity;
  for (let j = 0; j < p.length; j++) if (scores[j][i] > max) max = scores[j][i];
  let sum = 0;
  for (let j = 0; j < p.length; j++) {
    p[j] = Math.exp(scores[j][i] - max);
    sum += p[j];
  }
  for (let j = 0; j < p.length; j++) p[j] /= sum;
}
