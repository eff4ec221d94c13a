/** Class probabilities, row-major: values[row * nClasses + k] is P(class k | row). */
export interface Probabilities {
  readonly nClasses: number;
  readonly values: Float64Array;
}

/** Named metric values (plain JSON); NaN where a metric is undefined for the data. */
export type MetricSet = Record<string, number>;

/** Probabilities of a binary classifier from P(class 1) per row. */
export function binaryProbabilities(p1: ArrayLike<number>): Probabilities {
  const values = new Float64Array(p1.length * 2);
  for (let i = 0; i < p1.length; i++) {
    values[2 * i] = 1 - p1[i];
    values[2 * i + 1] = p1[i];
  }
  return { nClasses: 2, values };
}

/** The most probable class per row (the first on ties; for binary, class 1 when p1 > 0.5). */
export function predictedClasses(probs: Probabilities): Int32Array {
  const n = probs.values.length / probs.nClasses;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < probs.nClasses; k++) {
      if (probs.values[i * probs.nClasses + k] > probs.values[i * probs.nClasses + best]) best = k;
    }
    out[i] = best;
  }
  return out;
}
