import type { MonitoringStore } from '../../platform/ports/monitoring-store';
import { FEEDBACK_KIND } from '../../domain/feedback';
import type { DriftWindow } from './drift-window';
import type { FeedbackItem } from './live-error';

/** Most feedback items one check joins (the newest); bounds its memory to a few MB. */
export const MAX_WINDOW_FEEDBACK = 100_000;
const PAGE_SIZE = 500;

/**
 * The feedback received in the window (from `from`, before `to`), newest first, at most
 * MAX_WINDOW_FEEDBACK items. Pages stop at the first item older than the window.
 */
export async function windowFeedback(
  registry: Pick<MonitoringStore, 'listMonitoring'>,
  model: string,
  window: DriftWindow,
): Promise<FeedbackItem[]> {
  const items: FeedbackItem[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await registry.listMonitoring(model, FEEDBACK_KIND, {
      pageSize: PAGE_SIZE,
      ...(continuationToken !== undefined && { continuationToken }),
    });
    for (const doc of page.items) {
      if (doc.createdAt < window.from) return items;
      if (doc.createdAt >= window.to) continue;
      const item = asFeedback(doc.body);
      if (item) items.push(item);
      if (items.length >= MAX_WINDOW_FEEDBACK) return items;
    }
    continuationToken = page.continuationToken;
  } while (continuationToken !== undefined);
  return items;
}

function asFeedback(body: unknown): FeedbackItem | undefined {
  const b = body as Partial<FeedbackItem> | null;
  if (b === null || typeof b !== 'object' || typeof b.requestId !== 'string' || typeof b.row !== 'number') {
    return undefined;
  }
  const actual = b.actual;
  if (typeof actual !== 'number' && typeof actual !== 'string' && typeof actual !== 'boolean')
    return undefined;
  return { requestId: b.requestId, row: b.row, actual };
}
