import type { Prediction } from '../../ml/metrics';
import type { Sidecar } from '../../domain/uploaded-model/sidecar';
import {
  targetValues,
  UploadedModelScorer,
  type RawRecord,
} from '../../domain/uploaded-model/uploaded-scorer';

/** An uploaded model's outputs on rows, in the engine's layout, with the rows' true targets. */
export interface UploadedScores {
  /** Row-major nRows x nOutputs: values (regression), P(class 1) (binary) or class probabilities. */
  readonly output: Float64Array;
  readonly nOutputs: number;
  readonly prediction: Prediction;
  /** The target per row: a number, or a class index. */
  readonly actual: Float64Array;
}

/**
 * Scores raw rows (holdout.jsonl records) with an uploaded ONNX model through its sidecar: the
 * uploaded-model counterpart of validate's scoreHoldout, same result shape, so metrics, slices,
 * gates and the champion comparison run unchanged. Errors are AppError 'invalid' (bad_model,
 * bad_type, missing_column): a data problem, not worth a retry.
 */
export async function scoreUploadedHoldout(
  sidecar: Sidecar,
  onnx: Uint8Array,
  records: readonly RawRecord[],
): Promise<UploadedScores> {
  const actual = targetValues(sidecar, records);
  const scorer = await UploadedModelScorer.load(onnx, sidecar);
  try {
    const prediction = await scorer.score(records);
    if (prediction instanceof Float64Array) return { output: prediction, nOutputs: 1, prediction, actual };
    if (sidecar.task === 'binary') {
      const p1 = Float64Array.from({ length: records.length }, (_, i) => prediction.values[2 * i + 1]);
      return { output: p1, nOutputs: 1, prediction, actual };
    }
    return { output: prediction.values, nOutputs: prediction.nClasses, prediction, actual };
  } finally {
    await scorer.release();
  }
}
