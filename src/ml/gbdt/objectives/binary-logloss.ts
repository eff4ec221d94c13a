import { MIN_HESSIAN, type Objective } from './objective';

const EPS = 1e-15;

/** Binary log loss on the margin: gradient p - y, hessian p(1 - p), base score the prior log-odds. */
export const binaryLogLoss: Objective = {
  name: 'binary_logloss',
  constantHessian: false,
  nOutputs: () => 1,
  baseScore(y) {
    let pos = 0;
    for (let i = 0; i < y.length; i++) pos += y[i];
    const p = Math.min(1 - EPS, Math.max(EPS, pos / y.length));
    return [Math.log(p / (1 - p))];
  },
  gradients(y, scores, grad, hess) {
    const s = scores[0];
    const g = grad[0];
    const h = hess[0];
    for (let i = 0; i < y.length; i++) {
      const p = 1 / (1 + Math.exp(-s[i]));
      g[i] = p - y[i];
      h[i] = Math.max(p * (1 - p), MIN_HESSIAN);
    }
  },
  loss(y, scores) {
    const s = scores[0];
    let sum = 0;
    // log(1 + e^s) - y s, written to stay finite for large |s|.
    for (let i = 0; i < y.length; i++) {
      const m = s[i];
      sum += Math.max(m, 0) + Math.log1p(Math.exp(-Math.abs(m))) - y[i] * m;
    }
    return sum / y.length;
  },
};
