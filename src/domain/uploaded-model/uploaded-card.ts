import type { DatasetLineage } from '../model-version';
import { AppError } from '../../errors';
import type { TargetEncoding } from '../../ml/features/types';
import type { OnnxSignature } from '../../ml/onnx';
import type { ModelSpec } from '../spec/model-spec';
import type { Sidecar } from './sidecar';

/**
 * card.json of an uploaded (bring-your-own) version. It shares the trained card's frame
 * (cardVersion, model, version, runId, source, task, onnx, holdout) but has no feature pipeline:
 * the sidecar says how dataset columns feed the graph, and UploadedModelScorer applies it.
 */
export interface UploadedModelCard {
  readonly cardVersion: 1;
  readonly model: string;
  readonly version: number;
  readonly runId: string;
  readonly source: 'uploaded';
  readonly task: Sidecar['task'];
  readonly algorithm: 'uploaded-onnx';
  readonly sidecar: Sidecar;
  /**
   * The target as a trained pipeline encodes it (classes are the indexes 0..K-1), so the
   * champion comparison can check both models predict the same thing.
   */
  readonly target: TargetEncoding;
  /**
   * What validation judges by: the model's spec (its validation gates, slices and bias limits)
   * when it has one, else the defaults, with the sidecar's target, task and seed.
   */
  readonly spec: ModelSpec;
  readonly packageVersion: string;
  readonly createdAt: string;
  /** The two uploaded blobs (incoming-models container) and the versions of them used. */
  readonly upload: {
    readonly container: string;
    readonly onnx: { readonly blobName: string; readonly etag: string };
    readonly sidecar: { readonly blobName: string; readonly etag: string };
  };
  /** The dataset the sidecar names, which the holdout was drawn from. */
  readonly lineage: DatasetLineage;
  readonly onnx: { readonly path: string; readonly sha256: string; readonly bytes: number } & OnnxSignature;
  /** holdout.jsonl: the rows validation scores, with this model's outputs at upload as `engine`. */
  readonly holdout: { readonly path: string; readonly rows: number };
}

/** True for the card of an uploaded version (what validation branches on). */
export function isUploadedCard(card: unknown): card is UploadedModelCard {
  return typeof card === 'object' && card !== null && (card as { source?: unknown }).source === 'uploaded';
}

/** Parses card.json of an uploaded version; AppError 'invalid' when it is not one. */
export function parseUploadedCard(text: string, where: string): UploadedModelCard {
  let card: unknown;
  try {
    card = JSON.parse(text);
  } catch {
    throw new AppError('invalid', 'bad_card', `${where} is not JSON`);
  }
  const c = card as Partial<UploadedModelCard>;
  if (
    !isUploadedCard(card) ||
    c.cardVersion !== 1 ||
    !c.sidecar ||
    !c.spec ||
    !c.target ||
    !c.onnx ||
    !c.holdout
  ) {
    throw new AppError('invalid', 'bad_card', `${where} is not the card of an uploaded model`);
  }
  return card;
}
