import type { Objective } from './objective';

/** Least squares: gradient s - y, hessian 1, base score the mean. */
export const squaredError: Objective = {
  name: 'squared_error',
  constantHessian: true,
  nOutputs: () => 1,
  baseScore(y) {
    let sum = 0;
    for (let i = 0; i < y.length; i++) sum += y[i];
    return [sum / y.length];
  },
  gradients(y, scores, grad, hess) {
    const s = scores[0];
    const g = grad[0];
    const h = hess[0];
    for (let i = 0; i < y.length; i++) {
      g[i] = s[i] - y[i];
      h[i] = 1;
    }
  },
  loss(y, scores) {
    const s = scores[0];
    let sum = 0;
    for (let i = 0; i < y.length; i++) sum += (s[i] - y[i]) * (s[i] - y[i]);
    return sum / y.length;
  },
};
