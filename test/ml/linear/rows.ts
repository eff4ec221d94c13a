import type { FeatureMatrix } from '../../../src/ml/matrix';

/** The rows of sklearn-reference.py: integer formulas, float32 as the engine holds them. */
export function referenceRows(n = 120): {
  matrix: FeatureMatrix;
  yBinary: number[];
  yMulti: number[];
  yReg: number[];
} {
  const x0 = new Float32Array(n);
  const x1 = new Float32Array(n);
  const x2 = new Float32Array(n);
  const yBinary: number[] = [];
  const yMulti: number[] = [];
  const yReg: number[] = [];
  for (let i = 0; i < n; i++) {
    x0[i] = ((i * 37) % 101) / 10;
    x1[i] = ((i * 53) % 97) / 7 - 5;
    x2[i] = (i % 7) - 3;
    const noise = ((i * 13) % 11) / 2;
    yBinary.push(x0[i] - 0.5 * x1[i] + noise - 7 > 0 ? 1 : 0);
    const score = x0[i] - x1[i] + noise;
    yMulti.push(score < 6 ? 0 : score < 11 ? 1 : 2);
    yReg.push(3 * x0[i] - 2 * x1[i] + 0.5 * x2[i] + 4 + (noise - 2.5) / 10);
  }
  return { matrix: { nRows: n, names: ['x0', 'x1', 'x2'], columns: [x0, x1, x2] }, yBinary, yMulti, yReg };
}
