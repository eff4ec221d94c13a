import type { DatasetLineage, RefitRecord, TrainedThrough } from './model-version';
import type { FeaturePipeline } from '../ml/features/types';
import type { InputImportance } from '../ml/importance';
import type { MetricSet } from '../ml/metrics';
import type { OnnxSignature } from '../ml/onnx';
import type { TrainingProfile } from '../ml/profile';
import type { TableSchema } from '../ml/schema';
import { AppError } from '../errors';
import type { ModelSpec } from './spec/model-spec';

/** Where a version's files live in the models container. */
export function artifactPaths(
  model: string,
  version: number,
): { onnx: string; card: string; holdout: string; validatedOnnx: string; trainingRows: string } {
  const base = `${model}/${version}`;
  return {
    onnx: `${base}/model.onnx`,
    card: `${base}/card.json`,
    holdout: `${base}/holdout.jsonl`,
    validatedOnnx: `${base}/validated.onnx`,
    trainingRows: `${base}/training-rows.bin`,
  };
}

/**
 * card.json: the version's full record, enough to rebuild its features and score it anywhere:
 * lineage, spec, params, seed, package version, durations, feature schema and pipeline, training
 * profile, feature importance, ONNX inputs and outputs. Validation reads the pipeline and the
 * holdout from here.
 */
export interface ModelCard {
  readonly cardVersion: 1;
  readonly model: string;
  readonly version: number;
  readonly runId: string;
  readonly source: 'trained' | 'uploaded';
  readonly task: FeaturePipeline['target']['task'];
  readonly algorithm: string;
  readonly spec: ModelSpec;
  readonly params: Readonly<Record<string, number | boolean>>;
  readonly seed: number;
  readonly packageVersion: string;
  readonly createdAt: string;
  readonly lineage: DatasetLineage;
  readonly durationsMs: Readonly<Record<string, number>>;
  /** trainRows and iterations: the validated model's; servedRows: the rows the served model learned from. */
  readonly data: {
    readonly trainRows: number;
    readonly holdoutRows: number;
    readonly iterations: number;
    readonly servedRows?: number;
  };
  readonly featureSchema: TableSchema;
  readonly featurePipeline: FeaturePipeline;
  readonly trainingProfile: TrainingProfile;
  /** Absent on cards written before importance was recorded. */
  readonly featureImportance?: readonly InputImportance[];
  readonly engineMetrics: MetricSet;
  readonly onnx: { readonly path: string; readonly sha256: string; readonly bytes: number } & OnnxSignature;
  readonly holdout: { readonly path: string; readonly rows: number };
  /**
   * With validation.refit: the model judged on the holdout (trained on the train rows only), its
   * ONNX file and pipeline; featurePipeline, onnx, profile and importance above are the served
   * model's, trained on all rows (see refit).
   */
  readonly validated?: { readonly onnx: FileRef; readonly featurePipeline: FeaturePipeline };
  readonly refit?: RefitRecord;
  /** With a time column: the latest time the served model trained on. */
  readonly trainedThrough?: TrainedThrough;
  /** Without a time column: the served model's training row hashes (sorted uint32, little-endian). */
  readonly trainingRows?: FileRef & { readonly columns: string[]; readonly count: number };
}

interface FileRef {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** Parses card.json; AppError 'invalid' when it is not a card this code wrote. */
export function parseModelCard(text: string, where: string): ModelCard {
  let card: Partial<ModelCard>;
  try {
    card = JSON.parse(text) as Partial<ModelCard>;
  } catch {
    throw new AppError('invalid', 'bad_card', `${where} is not JSON`);
  }
  const missing = (['featurePipeline', 'spec', 'onnx', 'holdout', 'task'] as const).filter(
    (k) => card[k] === undefined,
  );
  if (card.cardVersion !== 1 || missing.length > 0) {
    throw new AppError(
      'invalid',
      'bad_card',
      `${where} is not a model card (missing ${missing.join(', ') || 'cardVersion'})`,
    );
  }
  return card as ModelCard;
}
