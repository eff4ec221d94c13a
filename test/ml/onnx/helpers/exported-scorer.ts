import { afterAll } from 'vitest';
import type { TrainedModel } from '../../../../src/ml/models/types';
import { exportOnnx } from '../../../../src/ml/onnx/export';
import { OnnxScorer } from '../../../../src/ml/onnx/scorer';

/**
 * Returns a function that exports a model to ONNX and loads it in ONNX Runtime; every session
 * it loads is released after the calling test file.
 */
export function exportedScorers(): (model: TrainedModel) => Promise<OnnxScorer> {
  const scorers: OnnxScorer[] = [];
  afterAll(async () => Promise.all(scorers.map((s) => s.release())));
  return async (model) => {
    const nClasses = model.task === 'multiclass' ? model.nOutputs : undefined;
    const scorer = await OnnxScorer.load(exportOnnx(model).bytes, {
      task: model.task,
      nFeatures: model.nFeatures,
      nClasses,
    });
    scorers.push(scorer);
    return scorer;
  };
}
