import type { BlobStore } from '../../platform/ports/blob-store';
import { parseLogLine } from './report/log-line';
import { windowBound, type DriftWindow } from './drift-window';
import type { LiveErrorJoin } from './live-error';
import type { TrialJoin } from '../trial/trial-join';
import { windowLogLines, type LogScan } from './log-blob-lines';

/**
 * How far before the window feedback is looked for in the logs: ground truth often arrives
 * hours after its prediction (a day's demand is known the next day).
 */
export const FEEDBACK_LOOKBACK_HOURS = 24;

// The prediction log writes requestId first on every line (see prediction-log/json-lines.ts).
const PREFIX = '{"requestId":"';

/**
 * Joins the window's feedback that matched no row of the window with rows logged in the
 * lookback before it (and, for a challenger's trial, with the rows of both versions). Only lines of a request with feedback still pending are parsed, and the
 * scan stops once every item is joined: late feedback costs a read, not a parse, of older logs.
 */
export async function joinEarlierLogs(
  blobs: Pick<BlobStore, 'list' | 'download'>,
  container: string,
  model: string,
  window: DriftWindow,
  join: LiveErrorJoin,
  version: number,
  trial?: TrialJoin,
  lookbackHours = FEEDBACK_LOOKBACK_HOURS,
): Promise<LogScan> {
  const scan: LogScan = { blobs: 0, bytes: 0 };
  const pending = (): number => join.pendingItems + (trial?.pendingItems ?? 0);
  if (pending() === 0 || lookbackHours <= 0) return scan;
  const earlier: DriftWindow = {
    from: windowBound(new Date(Date.parse(window.from) - lookbackHours * 3_600_000)),
    to: window.from,
  };
  let blobsRead = 0;
  for await (const lines of windowLogLines(blobs, container, model, earlier, scan)) {
    if (scan.blobs !== blobsRead) {
      blobsRead = scan.blobs;
      if (pending() === 0) break;
    }
    for (const line of lines) {
      if (!line.startsWith(PREFIX)) continue;
      const requestId = line.slice(PREFIX.length, line.indexOf('"', PREFIX.length));
      const live = join.isPending(requestId);
      const paired = trial?.isPending(requestId) === true;
      if (!live && !paired) continue;
      const parsed = parseLogLine(line);
      if (!parsed.ok) continue;
      const { row } = parsed;
      if (live) join.observe(row.requestId, row.row, row.prediction, row.version === version);
      if (paired) trial.observe(row);
    }
  }
  return scan;
}
