/** Share of rows whose predicted class is the actual one. */
export function accuracy(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let hits = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] === predicted[i]) hits++;
  return hits / actual.length;
}

/** Precision, recall and F1 of one class against the rest; 0 where a ratio has a zero denominator (as scikit-learn). */
export function classScores(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  positive: number,
): { precision: number; recall: number; f1: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] === positive;
    const p = predicted[i] === positive;
    if (a && p) tp++;
    else if (p) fp++;
    else if (a) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Unweighted mean of the per-class precision, recall and F1 over classes 0..nClasses-1 (sklearn 'macro'). */
export function macroScores(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  nClasses: number,
): { precision: number; recall: number; f1: number } {
  const sum = { precision: 0, recall: 0, f1: 0 };
  let present = 0;
  for (let k = 0; k < nClasses; k++) {
    if (!occurs(actual, k) && !occurs(predicted, k)) continue;
    const s = classScores(actual, predicted, k);
    sum.precision += s.precision;
    sum.recall += s.recall;
    sum.f1 += s.f1;
    present++;
  }
  return { precision: sum.precision / present, recall: sum.recall / present, f1: sum.f1 / present };
}

// scikit-learn averages over the labels present in actual or predicted values.
function occurs(values: ArrayLike<number>, k: number): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] === k) return true;
  return false;
}
