import { createInterface } from 'node:readline';
import type { BlobStore } from '../../platform/ports/blob-store';
import type { Registry } from '../../platform/ports/registry';
import { feedbackId, FEEDBACK_KIND } from '../../serving/feedback/store-feedback';
import { parseLogLine } from '../drift/log-line';
import type { TrainingRow } from './training-window';

export interface LabelledLogRowsDeps {
  readonly blobs: Pick<BlobStore, 'list' | 'download'>;
  readonly registry: Pick<Registry, 'listMonitoring'>;
  /** The prediction-logs container. */
  readonly container: string;
}

export interface LabelledLogRows {
  /** Logged inputs with the feedback's `actual` as the target column. */
  readonly rows: TrainingRow[];
  /** Feedback items whose (requestId, row) is in no prediction log: skipped. */
  readonly unknownFeedback: number;
  /** Log lines that did not parse: skipped. */
  readonly malformedLines: number;
}

type Cell = TrainingRow[string];

/**
 * The model's logged rows that have ground truth: every feedback record (kind `feedback`, id
 * `feedback:{requestId}:{row}`) joined with the prediction-log line of that request and row. The
 * logs are streamed line by line; only feedback is held in memory. A request logged twice (a
 * retried flush) counts once.
 */
export async function labelledLogRows(
  deps: LabelledLogRowsDeps,
  model: string,
  target: string,
): Promise<LabelledLogRows> {
  const actuals = new Map<string, Cell>();
  let token: string | undefined;
  do {
    const page = await deps.registry.listMonitoring(model, FEEDBACK_KIND, {
      pageSize: 1000,
      ...(token === undefined ? {} : { continuationToken: token }),
    });
    for (const doc of page.items) actuals.set(doc.id, actualOf(doc.body));
    token = page.continuationToken;
  } while (token !== undefined);

  const rows: TrainingRow[] = [];
  let malformedLines = 0;
  if (actuals.size > 0) {
    const matched = new Set<string>();
    for await (const blob of deps.blobs.list(deps.container, `${model}/`)) {
      const { stream } = await deps.blobs.download(deps.container, blob.name);
      for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
        if (line.trim() === '') continue;
        const parsed = parseLogLine(line);
        if (!parsed.ok) {
          malformedLines++;
          continue;
        }
        const id = feedbackId(String(parsed.row.requestId), Number(parsed.row.row));
        if (!actuals.has(id) || matched.has(id)) continue;
        matched.add(id);
        rows.push({ ...inputCells(parsed.row.inputs), [target]: actuals.get(id)! });
      }
    }
    return { rows, unknownFeedback: actuals.size - matched.size, malformedLines };
  }
  return { rows, unknownFeedback: 0, malformedLines };
}

function actualOf(body: unknown): Cell {
  const actual = (body as { actual?: unknown } | null)?.actual;
  return typeof actual === 'number' || typeof actual === 'string' || typeof actual === 'boolean'
    ? actual
    : null;
}

function inputCells(inputs: unknown): TrainingRow {
  const row: TrainingRow = {};
  for (const [name, value] of Object.entries(inputs as Record<string, unknown>)) {
    row[name] =
      typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : null;
  }
  return row;
}
