import type { MonitoringDocument } from '../../domain/documents';

export type RetrainTrigger = 'drift' | 'live_error' | 'manual';

/** The one monitoring record per model that claims each retrain (create-only, then ETag CAS). */
export const RETRAIN_RECORD_ID = 'retrain:last';
export const RETRAIN_RECORD_KIND = 'retrain';

/**
 * How long a claim may stay unsent before another caller takes it over and sends it: a caller
 * that claimed and then died must not block the model for a whole cooldown.
 */
export const CLAIM_LEASE_MS = 2 * 60_000;

/**
 * The last retrain asked for a model. `claimed`: being sent; `sent`: queued; `assembled` /
 * `failed`: the consumer handled it; `released`: the send failed, as if never asked.
 */
export interface RetrainRecord {
  /** The idempotency key: the message id, and what the consumer names its data blob after. */
  key: string;
  /** When the cooldown slot opened (the message's requestedAt). */
  requestedAt: string;
  claimedAt: string;
  trigger: RetrainTrigger;
  reason: string;
  driftReportId?: string;
  state: 'claimed' | 'sent' | 'assembled' | 'failed' | 'released';
  blobName?: string;
  failure?: string;
}

/** `20261127T101500123Z`: an ISO time with only letters and digits, for keys and blob names. */
export function compactTime(iso: string): string {
  return new Date(iso).toISOString().replace(/[^0-9TZ]/g, '');
}

/** The idempotency key of the cooldown slot a retrain ask opened: model + slot start. */
export function retrainKey(model: string, requestedAt: string): string {
  return `retrain-${model}-${compactTime(requestedAt)}`;
}

/** The data blob (under the datasets container) the consumer writes for one retrain message. */
export function retrainBlobName(model: string, requestedAt: string): string {
  return `${model}/retrain-${compactTime(requestedAt)}.jsonl`;
}

export function toRetrainDocument(model: string, record: RetrainRecord): MonitoringDocument<RetrainRecord> {
  return {
    model,
    id: RETRAIN_RECORD_ID,
    kind: RETRAIN_RECORD_KIND,
    createdAt: record.claimedAt,
    body: record,
  };
}

/** The record a stored document holds; undefined when it has none or a shape this code does not know. */
export function fromRetrainDocument(doc: MonitoringDocument | undefined): RetrainRecord | undefined {
  const body = doc?.body as Partial<RetrainRecord> | null | undefined;
  if (!body || typeof body !== 'object' || typeof body.key !== 'string') return undefined;
  if (typeof body.requestedAt !== 'string' || Number.isNaN(Date.parse(body.requestedAt))) return undefined;
  return body as RetrainRecord;
}
