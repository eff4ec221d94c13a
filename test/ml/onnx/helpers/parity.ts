import type { FeatureMatrix } from '../../../../src/ml/matrix';
import type { TrainedModel } from '../../../../src/ml/models/types';
import type { Scores } from '../../../../src/ml/onnx/scorer';
import { referenceProbabilities } from './reference-scorer';

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
  /** Rows whose class index differs (classifiers). */
  readonly labelMismatches: number;
  readonly compared: number;
}

/**
 * Compares ORT's scores with the engine's raw scores (double, row-major [nRows * nOutputs]):
 * regression values directly, classifier probabilities after the engine's own link, and labels.
 */
export function compareWithEngine(
  model: TrainedModel,
  m: FeatureMatrix,
  raw: Float64Array,
  ort: Scores,
): ParityReport {
  let maxRelError = 0;
  let labelMismatches = 0;
  if (model.task === 'regression') {
    for (let i = 0; i < m.nRows; i++)
      maxRelError = Math.max(maxRelError, relativeError(ort.predictions[i], raw[i]));
    return { maxRelError, labelMismatches, compared: m.nRows };
  }
  const probs = referenceProbabilities(raw, model.task, m.nRows);
  const k = probs.length / m.nRows;
  const got = ort.probabilities ?? new Float32Array(0);
  if (got.length !== probs.length)
    throw new Error(`ORT gave ${got.length} probabilities, expected ${probs.length}`);
  for (let i = 0; i < probs.length; i++) maxRelError = Math.max(maxRelError, relativeError(got[i], probs[i]));
  for (let i = 0; i < m.nRows; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (probs[i * k + c] > probs[i * k + best]) best = c;
    if (ort.predictions[i] !== best) labelMismatches++;
  }
  return { maxRelError, labelMismatches, compared: probs.length };
}
