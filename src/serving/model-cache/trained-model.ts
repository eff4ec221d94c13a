import { DataError } from '../../ml/errors';
import { transformRecords, validateRecord } from '../../ml/features';
import type { FeaturePipeline } from '../../ml/features/types';
import type { FeatureMatrix } from '../../ml/matrix';
import { OnnxScorer } from '../../ml/onnx';
import type { ModelCard } from '../../domain/model-card';
import { InvalidRowsError, probabilityRows, type RowProblem, type ServedModel } from './served-model';

/**
 * Loads a trained version: its ONNX bytes scored through the card's feature pipeline. Each value
 * is coerced once, chunk by chunk as it is encoded (`validate` checks presence only); a value of
 * the wrong type stops scoring with the full field-by-field report of the request.
 */
export async function loadTrainedModel(card: ModelCard, onnx: Uint8Array): Promise<ServedModel> {
  const pipeline: FeaturePipeline = card.featurePipeline;
  const target = pipeline.target;
  const classes = target.task === 'regression' ? undefined : target.classes;
  const scorer = await OnnxScorer.load(onnx, {
    task: target.task,
    nFeatures: pipeline.featureNames.length,
    ...(classes ? { nClasses: classes.length } : {}),
  });
  const fullReport = (records: readonly unknown[]): RowProblem[] => {
    const problems: RowProblem[] = [];
    records.forEach((record, row) => {
      for (const p of validateRecord(pipeline, record)) problems.push({ row, ...p });
    });
    return problems;
  };
  return {
    model: card.model,
    version: card.version,
    task: target.task,
    ...(classes ? { classes } : {}),
    validate(records) {
      const present = records.every(
        (r) => isRecord(r) && pipeline.inputs.every((f) => Object.hasOwn(r, f.name)),
      );
      return present ? [] : fullReport(records);
    },
    async score(records, from = 0, to = records.length) {
      let matrix: FeatureMatrix;
      try {
        matrix = transformRecords(
          pipeline,
          from === 0 && to === records.length ? records : records.slice(from, to),
        );
      } catch (err) {
        if (err instanceof DataError) throw new InvalidRowsError(fullReport(records));
        throw err;
      }
      const scores = await scorer.score(matrix);
      if (!classes) return { predictions: Array.from(scores.predictions) };
      const k = scores.nClasses ?? classes.length;
      return {
        predictions: Array.from(scores.predictions, (c) => classes[c] ?? String(c)),
        probabilities: probabilityRows(scores.probabilities!, to - from, k),
      };
    },
    release: () => scorer.release(),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
