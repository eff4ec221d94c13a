import type { Probabilities } from './types';

/**
 * Area under the ROC curve of scores for `positive` rows, by ranks (Mann-Whitney U) with tied
 * scores sharing their mean rank; NaN when only one class is present.
 */
export function rocAuc(isPositive: ArrayLike<boolean>, scores: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const meanRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (isPositive[order[k]]) {
        rankSum += meanRank;
        positives++;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Binary ROC AUC of P(class 1); multiclass: one-vs-rest AUC per class, unweighted mean (sklearn 'ovr', 'macro'). */
export function rocAucScore(actual: ArrayLike<number>, probs: Probabilities): number {
  const n = actual.length;
  const K = probs.nClasses;
  const column = (k: number): Float64Array =>
    Float64Array.from({ length: n }, (_, i) => probs.values[i * K + k]);
  const is = (k: number): boolean[] => Array.from({ length: n }, (_, i) => actual[i] === k);
  if (K === 2) return rocAuc(is(1), column(1));
  let sum = 0;
  for (let k = 0; k < K; k++) sum += rocAuc(is(k), column(k));
  return sum / K;
}
