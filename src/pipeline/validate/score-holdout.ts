import { DataError } from '../../ml/errors';
import { transformRecords } from '../../ml/features/transform-records';
import type { FeaturePipeline } from '../../ml/features/types';
import type { Prediction } from '../../ml/metrics';
import { OnnxScorer } from '../../ml/onnx';
import { asPrediction } from '../train/prediction-shape';

/** A model's outputs on holdout rows, in the engine's layout, and the actual targets as it encodes them. */
export interface HoldoutScores {
  /** Row-major nRows x nOutputs: values, P(class 1) or class probabilities (float32 from ONNX Runtime). */
  readonly output: Float64Array;
  readonly nOutputs: number;
  readonly prediction: Prediction;
  readonly actual: Float64Array;
}

/**
 * Scores raw rows with an ONNX model through its own feature pipeline (the serving path:
 * transformRecords, then ONNX Runtime) and encodes their targets with the same pipeline.
 */
export async function scoreHoldout(
  pipeline: FeaturePipeline,
  onnx: Uint8Array,
  records: readonly Record<string, unknown>[],
): Promise<HoldoutScores> {
  const task = pipeline.target.task;
  const nClasses = task === 'regression' ? undefined : pipeline.target.classes.length;
  const scorer = await OnnxScorer.load(onnx, {
    task,
    nFeatures: pipeline.featureNames.length,
    ...(nClasses ? { nClasses } : {}),
  });
  try {
    const scores = await scorer.score(transformRecords(pipeline, records));
    const n = records.length;
    let output: Float64Array;
    let nOutputs = 1;
    if (task === 'regression') output = Float64Array.from(scores.predictions);
    else if (task === 'binary') {
      const probs = scores.probabilities!;
      output = Float64Array.from({ length: n }, (_, i) => probs[2 * i + 1]);
    } else {
      output = Float64Array.from(scores.probabilities!);
      nOutputs = scores.nClasses ?? output.length / Math.max(1, n);
    }
    return {
      output,
      nOutputs,
      prediction: asPrediction(task, output, nOutputs),
      actual: encodeActual(pipeline, records),
    };
  } finally {
    await scorer.release();
  }
}

/** The target of each row as the pipeline encodes it: a number, or a class index. */
export function encodeActual(
  pipeline: FeaturePipeline,
  records: readonly Record<string, unknown>[],
): Float64Array {
  const target = pipeline.target;
  const classes = target.task === 'regression' ? null : new Map(target.classes.map((c, i) => [c, i]));
  return Float64Array.from(records, (r, i) => {
    const cell = r[target.name];
    const value =
      classes === null ? (typeof cell === 'number' ? cell : Number(cell)) : classes.get(String(cell));
    if (value === undefined || cell === null || cell === undefined || Number.isNaN(value)) {
      throw new DataError(
        'bad_target',
        `Holdout row ${i + 1} has no usable value for target "${target.name}"`,
        {
          column: target.name,
          row: i + 1,
        },
      );
    }
    return value;
  });
}
