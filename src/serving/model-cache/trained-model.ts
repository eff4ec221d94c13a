import { DataError } from '../../ml/errors';
import { transformRecords, validateRecord } from '../../ml/features';
import type { FeaturePipeline } from '../../ml/features/types';
import type { FeatureMatrix } from '../../ml/matrix';
import { OnnxScorer } from '../../ml/onnx';
import type { ModelCard } from '../../pipeline/train/model-card';
import { probabilityRows, type RowProblem, type ServedModel } from './served-model';

/**
 * Loads a trained version: its ONNX bytes scored through the card's feature pipeline. Rows are
 * coerced once: `validate` only checks presence and encodes the rows (kept for `score`); the
 * full field-by-field report runs only when encoding finds a bad value.
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
  const encoded = new WeakMap<readonly unknown[], FeatureMatrix>();
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
      if (!records.every((r) => isRecord(r) && pipeline.inputs.every((f) => Object.hasOwn(r, f.name)))) {
        return fullReport(records);
      }
      try {
        encoded.set(records, transformRecords(pipeline, records));
        return [];
      } catch (err) {
        if (err instanceof DataError) return fullReport(records);
        throw err;
      }
    },
    async score(records, from = 0, to = records.length) {
      const all = encoded.get(records) ?? transformRecords(pipeline, records);
      const matrix = {
        nRows: to - from,
        names: all.names,
        columns: all.columns.map((c) => c.subarray(from, to)),
      };
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
