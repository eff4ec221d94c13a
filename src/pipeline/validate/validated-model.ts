import { DataError } from '../../ml/errors';
import { isUploadedCard } from '../../domain/uploaded-model';
import { sha256Hex } from '../../domain/ids';
import type { PipelineDeps } from '../pipeline-deps';
import type { AnyCard } from './card-scoring';

/** A model to score: the card that says how (its feature pipeline) and its ONNX bytes. */
export interface ScorableModel {
  readonly card: AnyCard;
  readonly onnx: Uint8Array;
}

/**
 * The model a version was judged by: with a refit, validated.onnx and the pipeline fitted on the
 * train rows (the served model has seen the holdout); else the served model itself. Its file must
 * hash to the card's sha256 (DataError 'bad_model').
 */
export async function validatedModel(
  deps: Pick<PipelineDeps, 'blobs' | 'settings'>,
  served: ScorableModel,
): Promise<ScorableModel> {
  const { card } = served;
  if (isUploadedCard(card) || card.validated === undefined) return served;
  const ref = card.validated.onnx;
  const blob = await deps.blobs.downloadToBuffer(deps.settings.containers.models, ref.path);
  const onnx = new Uint8Array(blob.data.buffer, blob.data.byteOffset, blob.data.byteLength);
  if (sha256Hex(onnx) !== ref.sha256) {
    throw new DataError('bad_model', `${ref.path} does not match the sha256 its card records`);
  }
  return { card: { ...card, featurePipeline: card.validated.featurePipeline }, onnx };
}
