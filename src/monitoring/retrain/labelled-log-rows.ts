import { createInterface } from 'node:readline';
import type { InputField } from '../../ml/features/types';
import { coerceCell } from '../../ml/schema/coerce';
import type { BlobStore } from '../../platform/ports/blob-store';
import type { MonitoringStore } from '../../platform/ports/monitoring-store';
import { feedbackId, FEEDBACK_KIND } from '../../domain/feedback';
import { parseLogLine } from '../drift/report/log-line';
import type { TrainingRow } from './training-window';

export interface LabelledLogRowsDeps {
  readonly blobs: Pick<BlobStore, 'list' | 'download'>;
  readonly registry: Pick<MonitoringStore, 'listMonitoring'>;
  /** The prediction-logs container. */
  readonly container: string;
  /** The input fields of the version that logged a row (none when the version is unknown). */
  readonly inputsOf: (version: number) => Promise<readonly InputField[]>;
}

export interface LabelledLogRows {
  /** The logging version's inputs, read as predict read them, with the feedback's `actual` as the target. */
  readonly rows: TrainingRow[];
  /** Feedback items whose (requestId, row) is in no prediction log: skipped. */
  readonly unknownFeedback: number;
  /** Log lines that did not parse: skipped. */
  readonly malformedLines: number;
  /** Logged input values not readable as their field's type: written as missing. */
  readonly unreadableValues: number;
  /** Rows logged by a version whose inputs are unknown: skipped. */
  readonly unknownVersionRows: number;
}

type Cell = TrainingRow[string];

/**
 * The model's logged rows that have ground truth: every feedback record (kind `feedback`, id
 * `feedback:{requestId}:{row}`) joined with the prediction-log line of that request and row. Each
 * row keeps only the inputs of the version that predicted it, read with predict's rule (so the
 * extra fields a client sent never reach training, and "0.5" is 0.5). The logs are streamed line
 * by line; only feedback is held in memory. A request logged twice (a retried flush) counts once.
 */
export async function labelledLogRows(
  deps: LabelledLogRowsDeps,
  model: string,
  target: string,
): Promise<LabelledLogRows> {
  const actuals = await feedbackActuals(deps.registry, model);
  const result = {
    rows: [] as TrainingRow[],
    unknownFeedback: 0,
    malformedLines: 0,
    unreadableValues: 0,
    unknownVersionRows: 0,
  };
  if (actuals.size === 0) return result;
  const fieldsByVersion = new Map<number, readonly InputField[]>();
  const matched = new Set<string>();
  for await (const blob of deps.blobs.list(deps.container, `${model}/`)) {
    const { stream } = await deps.blobs.download(deps.container, blob.name);
    for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      const parsed = parseLogLine(line);
      if (!parsed.ok) {
        result.malformedLines++;
        continue;
      }
      // A shadow row repeats an answered row's inputs under another version: the answered one is kept.
      if (parsed.row.shadow === true) continue;
      const id = feedbackId(String(parsed.row.requestId), Number(parsed.row.row));
      if (!actuals.has(id) || matched.has(id)) continue;
      matched.add(id);
      const version = Number(parsed.row.version);
      let fields = fieldsByVersion.get(version);
      if (fields === undefined) {
        fields = await deps.inputsOf(version);
        fieldsByVersion.set(version, fields);
      }
      if (fields.length === 0) {
        result.unknownVersionRows++;
        continue;
      }
      const row: TrainingRow = {};
      for (const field of fields) {
        const cell = inputCell(field, (parsed.row.inputs as Record<string, unknown>)[field.name]);
        if (cell === undefined) result.unreadableValues++;
        row[field.name] = cell ?? null;
      }
      row[target] = actuals.get(id)!;
      result.rows.push(row);
    }
  }
  result.unknownFeedback = actuals.size - matched.size;
  return result;
}

async function feedbackActuals(
  registry: Pick<MonitoringStore, 'listMonitoring'>,
  model: string,
): Promise<Map<string, Cell>> {
  const actuals = new Map<string, Cell>();
  let token: string | undefined;
  do {
    const page = await registry.listMonitoring(model, FEEDBACK_KIND, {
      pageSize: 1000,
      ...(token === undefined ? {} : { continuationToken: token }),
    });
    for (const doc of page.items) actuals.set(doc.id, actualOf(doc.body));
    token = page.continuationToken;
  } while (token !== undefined);
  return actuals;
}

function actualOf(body: unknown): Cell {
  const actual = (body as { actual?: unknown } | null)?.actual;
  return typeof actual === 'number' || typeof actual === 'string' || typeof actual === 'boolean'
    ? actual
    : null;
}

/** A logged value as a training cell: the typed value predict read, or undefined when unreadable. */
function inputCell(field: InputField, raw: unknown): Cell | undefined {
  const c = coerceCell(field, raw);
  if (!c.ok) return undefined;
  const v = c.value;
  if (v === null) return null;
  if (field.type === 'boolean') return v === 1;
  if (field.type === 'datetime') return new Date(v as number).toISOString();
  return v;
}
