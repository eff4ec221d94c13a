import type { DriftRequest } from '../../domain/messages';
import type { MessageQueue } from '../../platform/ports/message-queue';
import type { ModelCatalog } from '../../platform/ports/model-catalog';

export interface FanOutDeps {
  readonly registry: ModelCatalog;
  readonly queue: Pick<MessageQueue, 'send'>;
  readonly driftQueue: string;
}

export interface FanOutResult {
  /** Models a drift check was queued for. */
  readonly sent: string[];
  /** Models whose message could not be sent, with why (the others were still sent). */
  readonly failed: { model: string; error: string }[];
}

/**
 * The monitor timer's whole job: one drift-check message per model with a production version,
 * so checks run in parallel on the queue's consumers and no timer run lasts long. The message id
 * (model and tick) lets Service Bus drop a duplicate tick; one model's failure never stops the rest.
 */
export async function monitorDrift(deps: FanOutDeps, tick: Date): Promise<FanOutResult> {
  const requestedAt = tick.toISOString();
  const models = await deps.registry.listModels();
  const sent: string[] = [];
  const failed: { model: string; error: string }[] = [];
  for (const m of models) {
    if (m.productionVersion === undefined) continue;
    const message: DriftRequest = {
      schema: 1,
      kind: 'drift',
      model: m.model,
      version: m.productionVersion,
      requestedAt,
    };
    try {
      await deps.queue.send(deps.driftQueue, message, { messageId: `drift:${m.model}:${requestedAt}` });
      sent.push(m.model);
    } catch (err) {
      failed.push({ model: m.model, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { sent, failed };
}
