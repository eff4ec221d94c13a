import { transformRecords, validateRecord } from '../../ml/features';
import type { FeaturePipeline } from '../../ml/features/types';
import { OnnxScorer } from '../../ml/onnx';
import type { ModelCard } from '../../pipeline/train/model-card';
import { probabilityRows, type RowProblem, type ServedModel } from './served-model';

/** Loads a trained version: its ONNX bytes scored through the card's feature pipeline. */
export async function loadTrainedModel(card: ModelCard, onnx: Uint8Array): Promise<ServedModel> {
  const pipeline: FeaturePipeline = card.featurePipeline;
  const target = pipeline.target;
  const classes = target.task === 'regression' ? undefined : target.classes;
  const scorer = await OnnxScorer.load(onnx, {
    task: target.task,
    nFeatures: pipeline.featureNames.length,
    ...(classes ? { nClasses: classes.length } : {}),
  });
  return {
    model: card.model,
    version: card.version,
    task: target.task,
    ...(classes ? { classes } : {}),
    validate(records) {
      const problems: RowProblem[] = [];
      records.forEach((record, row) => {
        for (const p of validateRecord(pipeline, record)) problems.push({ row, ...p });
      });
      return problems;
    },
    async score(records) {
      const scores = await scorer.score(transformRecords(pipeline, records));
      if (!classes) return { predictions: Array.from(scores.predictions) };
      const k = scores.nClasses ?? classes.length;
      return {
        predictions: Array.from(scores.predictions, (c) => classes[c] ?? String(c)),
        probabilities: probabilityRows(scores.probabilities!, records.length, k),
      };
    },
    release: () => scorer.release(),
  };
}
