import { Random } from '../../../src/ml/gbdt/random';
import type { FeatureMatrix } from '../../../src/ml/matrix';

/** A matrix from plain columns, named f0, f1, ... */
export function matrixOf(...columns: ArrayLike<number>[]): FeatureMatrix {
  return {
    nRows: columns[0].length,
    names: columns.map((_, f) => `f${f}`),
    columns: columns.map((c) => Float32Array.from(c)),
  };
}

/** n rows of p uniform [0, 1) features from a seeded stream. */
export function uniformColumns(n: number, p: number, seed: number): Float32Array[] {
  const rng = new Random(seed);
  const cols = Array.from({ length: p }, () => new Float32Array(n));
  for (let i = 0; i < n; i++) for (let f = 0; f < p; f++) cols[f][i] = rng.next();
  return cols;
}
