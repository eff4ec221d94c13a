import type { ObjectiveFn } from './lbfgs';

/**
 * Penalised logistic loss and gradient over parameters laid out per output as [w_0..w_{p-1}, b]:
 * (sum of log losses + |W|^2 / (2C)) / n, the scikit-learn objective divided by n·C (same
 * minimiser, better scaled). k = 1 is binary (sigmoid), k > 1 multinomial (softmax).
 */
export function logisticLoss(
  z: Float64Array,
  y: Int32Array,
  n: number,
  p: number,
  k: number,
  C: number,
): ObjectiveFn {
  const scores = new Float64Array(k);
  return (x, grad) => {
    grad.fill(0);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const row = i * p;
      for (let c = 0; c < k; c++) {
        const at = c * (p + 1);
        let s = x[at + p];
        for (let f = 0; f < p; f++) s += x[at + f] * z[row + f];
        scores[c] = s;
      }
      if (k === 1) {
        const s = scores[0];
        total += Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s))) - y[i] * s;
        scores[0] = 1 / (1 + Math.exp(-s)) - y[i];
      } else {
        let max = -Infinity;
        for (let c = 0; c < k; c++) max = Math.max(max, scores[c]);
        let sum = 0;
        for (let c = 0; c < k; c++) sum += Math.exp(scores[c] - max);
        total += max + Math.log(sum) - scores[y[i]];
        for (let c = 0; c < k; c++) scores[c] = Math.exp(scores[c] - max) / sum - (y[i] === c ? 1 : 0);
      }
      // scores now hold d loss / d score per output.
      for (let c = 0; c < k; c++) {
        const at = c * (p + 1);
        const r = scores[c];
        for (let f = 0; f < p; f++) grad[at + f] += r * z[row + f];
        grad[at + p] += r;
      }
    }
    let penalty = 0;
    for (let c = 0; c < k; c++) {
      const at = c * (p + 1);
      for (let f = 0; f < p; f++) {
        penalty += x[at + f] * x[at + f];
        grad[at + f] += x[at + f] / C;
      }
    }
    for (let j = 0; j < grad.length; j++) grad[j] /= n;
    return (total + penalty / (2 * C)) / n;
  };
}
