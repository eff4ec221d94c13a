import type { TargetEncoding } from '../../ml/features/types';
import { inputColumns, isUploadedCard, type UploadedModelCard } from '../../domain/uploaded-model';
import { scoreUploadedHoldout } from '../byo';
import type { ModelCard } from '../../domain/model-card';
import { scoreHoldout, type HoldoutScores } from './score-holdout';

/** A version's card: trained (feature pipeline) or uploaded (sidecar). */
export type AnyCard = ModelCard | UploadedModelCard;

/** Scores raw holdout rows with a version's ONNX the way its card says: pipeline or sidecar. */
export function scoreCard(
  card: AnyCard,
  onnx: Uint8Array,
  records: readonly Record<string, unknown>[],
): Promise<HoldoutScores> {
  return isUploadedCard(card)
    ? scoreUploadedHoldout(card.sidecar, onnx, records as readonly Record<string, string | number | null>[])
    : scoreHoldout(card.featurePipeline, onnx, records);
}

/** What the version predicts, as a trained pipeline encodes it. */
export function cardTarget(card: AnyCard): TargetEncoding {
  return isUploadedCard(card) ? card.target : card.featurePipeline.target;
}

/** The raw columns the version reads. */
export function cardInputColumns(card: AnyCard): string[] {
  return isUploadedCard(card)
    ? card.sidecar.inputs.flatMap(inputColumns)
    : card.featurePipeline.inputs.map((f) => f.name);
}
