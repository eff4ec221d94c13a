import { AppError } from '../../errors';
import type { RetrainRequest } from '../../domain/messages';
import type { MessageQueue } from '../../platform/ports/message-queue';
import type { MonitoringStore } from '../../platform/ports/monitoring-store';
import type { Telemetry } from '../../platform/ports/telemetry';
import { retrainGate } from './retrain-gate';
import {
  fromRetrainDocument,
  RETRAIN_RECORD_ID,
  retrainKey,
  toRetrainDocument,
  type RetrainRecord,
  type RetrainTrigger,
} from './retrain-record';

export type { RetrainTrigger } from './retrain-record';

export interface RetrainAsk {
  model: string;
  trigger: RetrainTrigger;
  /** In words, for the run's lineage and the report, e.g. "4 of 7 features drifted: ..." */
  reason: string;
  /** The drift report document id that caused it, when there is one. */
  driftReportId?: string;
}

export interface RetrainPolicyDeps {
  registry: Pick<MonitoringStore, 'getMonitoring' | 'putMonitoring'>;
  queue: MessageQueue;
  retrainQueue: string;
  telemetry: Telemetry;
  now?: () => Date;
}

export type RetrainDecision =
  | { sent: true; trigger: RetrainTrigger; reason: string; requestedAt: string }
  | { sent: false; trigger: RetrainTrigger; reason: string; nextAllowedAt?: string };

/** Re-reads after a lost race; the winner's claim then suppresses the ask, so two are plenty. */
const MAX_ATTEMPTS = 3;

const isConflict = (err: unknown): boolean => err instanceof AppError && err.category === 'conflict';

/**
 * At most one retrain message per model per cooldown, deduplicated across timer overlaps and
 * restarts. The model's `retrain:last` record is claimed (create-only, else ETag compare-and-swap)
 * BEFORE the message is sent, so of racing callers exactly one sends; the message carries the
 * slot's idempotency key as its id. A failed send releases the claim and throws (the caller's
 * trigger retries); a claim whose sender died is sent again by the next caller after its lease.
 */
export async function requestRetrain(
  deps: RetrainPolicyDeps,
  ask: RetrainAsk,
  cooldownMinutes: number,
): Promise<RetrainDecision> {
  const now = deps.now ?? (() => new Date());
  for (let attempt = 1; ; attempt++) {
    const doc = await deps.registry.getMonitoring(ask.model, RETRAIN_RECORD_ID);
    const at = now();
    const gate = retrainGate(fromRetrainDocument(doc), ask.trigger, at, cooldownMinutes);
    if (!gate.allowed) {
      return { sent: false, trigger: ask.trigger, reason: gate.reason, nextAllowedAt: gate.nextAllowedAt };
    }
    const record: RetrainRecord = gate.resend
      ? { ...gate.resend, state: 'claimed', claimedAt: at.toISOString() }
      : newClaim(ask, at.toISOString());
    let claimed;
    try {
      claimed = await deps.registry.putMonitoring(toRetrainDocument(ask.model, record), {
        ifMatch: doc?.etag ?? null,
      });
    } catch (err) {
      if (isConflict(err) && attempt < MAX_ATTEMPTS) continue;
      if (isConflict(err))
        return { sent: false, trigger: ask.trigger, reason: 'another retrain ask won the race' };
      throw err;
    }
    try {
      await deps.queue.send(deps.retrainQueue, retrainMessage(ask.model, record), { messageId: record.key });
    } catch (err) {
      await deps.registry
        .putMonitoring(toRetrainDocument(ask.model, { ...record, state: 'released' }), {
          ifMatch: claimed.etag,
        })
        .catch(() => undefined);
      throw err;
    }
    // Best effort: a lost update here only means a later caller re-sends the same key.
    await deps.registry
      .putMonitoring(toRetrainDocument(ask.model, { ...record, state: 'sent' }), { ifMatch: claimed.etag })
      .catch(() => undefined);
    deps.telemetry.event('RetrainRequested', {
      model: ask.model,
      trigger: record.trigger,
      reason: record.reason,
      ...(record.driftReportId === undefined ? {} : { driftReportId: record.driftReportId }),
    });
    return { sent: true, trigger: record.trigger, reason: record.reason, requestedAt: record.requestedAt };
  }
}

function newClaim(ask: RetrainAsk, at: string): RetrainRecord {
  return {
    key: retrainKey(ask.model, at),
    requestedAt: at,
    claimedAt: at,
    trigger: ask.trigger,
    reason: ask.reason,
    ...(ask.driftReportId === undefined ? {} : { driftReportId: ask.driftReportId }),
    state: 'claimed',
  };
}

function retrainMessage(model: string, record: RetrainRecord): RetrainRequest {
  return {
    schema: 1,
    kind: 'retrain',
    model,
    trigger: record.trigger,
    reason: record.reason,
    ...(record.driftReportId === undefined ? {} : { driftReportId: record.driftReportId }),
    requestedAt: record.requestedAt,
  };
}
