import type { FeatureMatrix } from '../../../../src/ml/matrix';
import { predict } from '../../../../src/ml/models/predict';
import type { TrainedModel } from '../../../../src/ml/models/types';
import type { Scores } from '../../../../src/ml/onnx/scorer';

/** Parity tolerance: 1e-5 relative, with a floor far below any score or probability that matters. */
export const REL_TOL = 1e-5;
const ABS_FLOOR = 1e-12;

export function relativeError(got: number, want: number): number {
  const diff = Math.abs(got - want);
  if (diff <= ABS_FLOOR) return 0;
  return diff / Math.max(Math.abs(got), Math.abs(want));
}

export interface ParityReport {
  /** Largest relative error over all compared values. */
  readonly maxRelError: number;
  /** Values ORT gave exactly as the engine's double rounded to float32. */
  readonly exact: number;
  readonly compared: number;
  /** Rows whose class index differs (classifiers). */
  readonly labelMismatches: number;
}

/**
 * Compares ORT's scores with the engine's own `predict` on the same matrix: regression values;
 * for classifiers every class probability (binary: 1 - p and p) and the arg max label.
 */
export function compareWithEngine(model: TrainedModel, m: FeatureMatrix, ort: Scores): ParityReport {
  const engine = predict(model, m);
  const want =
    model.task === 'binary'
      ? Float64Array.from({ length: 2 * m.nRows }, (_, i) => (i % 2 ? engine[i >> 1] : 1 - engine[i >> 1]))
      : engine;
  const got = model.task === 'regression' ? ort.predictions : (ort.probabilities ?? new Float32Array(0));
  if (got.length !== want.length) throw new Error(`ORT gave ${got.length} values, the engine ${want.length}`);
  let maxRelError = 0;
  let exact = 0;
  for (let i = 0; i < want.length; i++) {
    maxRelError = Math.max(maxRelError, relativeError(got[i], want[i]));
    if (got[i] === Math.fround(want[i])) exact++;
  }
  let labelMismatches = 0;
  if (model.task !== 'regression') {
    const k = want.length / m.nRows;
    for (let i = 0; i < m.nRows; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (want[i * k + c] > want[i * k + best]) best = c;
      if (ort.predictions[i] !== best) labelMismatches++;
    }
  }
  return { maxRelError, exact, compared: want.length, labelMismatches };
}
