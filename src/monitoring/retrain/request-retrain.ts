// Placeholder with the agreed interface: it only sends the message. The retrain policy proper
// (cooldown per model, deduplication across timer overlaps and restarts) lands separately.
import type { MessageQueue } from '../../platform/ports/message-queue';
import type { Registry } from '../../platform/ports/registry';
import type { Telemetry } from '../../platform/ports/telemetry';
import type { RetrainRequest } from '../../pipeline/messages';

export type RetrainTrigger = 'drift' | 'live_error' | 'manual';

export interface RetrainAsk {
  model: string;
  trigger: RetrainTrigger;
  /** In words, for the run's lineage and the report, e.g. "4 of 7 features drifted: ..." */
  reason: string;
  /** The drift report document id that caused it, when there is one. */
  driftReportId?: string;
}

export interface RetrainPolicyDeps {
  registry: Pick<Registry, 'getMonitoring' | 'putMonitoring'>;
  queue: MessageQueue;
  retrainQueue: string;
  telemetry: Telemetry;
  now?: () => Date;
}

export type RetrainDecision =
  | { sent: true; trigger: RetrainTrigger; reason: string; requestedAt: string }
  | { sent: false; trigger: RetrainTrigger; reason: string; nextAllowedAt?: string };

/** At most one retrain message per model per cooldown, deduplicated across timer overlaps and restarts. */
export async function requestRetrain(
  deps: RetrainPolicyDeps,
  ask: RetrainAsk,
  cooldownMinutes: number,
): Promise<RetrainDecision> {
  void cooldownMinutes;
  const requestedAt = (deps.now?.() ?? new Date()).toISOString();
  const message: RetrainRequest = {
    schema: 1,
    kind: 'retrain',
    model: ask.model,
    reason: ask.reason,
    ...(ask.driftReportId !== undefined && { driftReportId: ask.driftReportId }),
    requestedAt,
  };
  await deps.queue.send(deps.retrainQueue, message, {
    messageId: `retrain:${ask.model}:${ask.driftReportId ?? requestedAt}`,
  });
  deps.telemetry.event('RetrainRequested', { model: ask.model, trigger: ask.trigger });
  return { sent: true, trigger: ask.trigger, reason: ask.reason, requestedAt };
}
