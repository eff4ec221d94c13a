import { AppError } from '../../errors';
import type { MonitoringStore } from '../../platform/ports/monitoring-store';
import { parseBody } from '../../parse-with-schema';
import {
  FEEDBACK_KIND,
  feedbackBodySchema,
  feedbackId,
  MAX_FEEDBACK_ITEMS,
  type FeedbackItem,
} from '../../domain/feedback';

/** Writes in flight at once: enough to hide Cosmos latency without a burst of throttling. */
const CONCURRENCY = 8;

/**
 * Validates and stores ground truth in the `monitoring` container, kind `feedback`: partitioned
 * by model like the drift reports next to it, so the monitor reads a model's feedback in one
 * partition. Request ids are not checked against the prediction logs here (that would be a blob
 * scan per request); the monitor counts those it cannot match. More than 1000 items is 413.
 */
export async function storeFeedback(
  registry: Pick<MonitoringStore, 'putMonitoring'>,
  model: string,
  body: unknown,
  now: () => Date = () => new Date(),
): Promise<{ model: string; stored: number }> {
  const count = (body as { items?: unknown } | null)?.items;
  if (Array.isArray(count) && count.length > MAX_FEEDBACK_ITEMS) {
    throw new AppError(
      'too_large',
      'too_many_items',
      `Too many feedback items: ${count.length}, at most ${MAX_FEEDBACK_ITEMS} per request`,
      { items: count.length, limit: MAX_FEEDBACK_ITEMS },
    );
  }
  const { items } = parseBody(feedbackBodySchema, body, 'feedback');
  const receivedAt = now().toISOString();
  // One write per (requestId, row): a duplicate inside the request is written once, last wins.
  const unique = new Map<string, FeedbackItem>();
  for (const item of items) unique.set(feedbackId(item.requestId, item.row), item);
  const queue = [...unique.entries()];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [id, item] = next;
      await registry.putMonitoring({
        model,
        id,
        kind: FEEDBACK_KIND,
        createdAt: receivedAt,
        body: { requestId: item.requestId, row: item.row, actual: item.actual, receivedAt },
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  return { model, stored: unique.size };
}
