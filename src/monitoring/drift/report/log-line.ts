import type { LogRow } from '../../../domain/log-row';

/** One prediction-log line read: the row, or why it was skipped. */
export type ParsedLine =
  { readonly ok: true; readonly row: LogRow } | { readonly ok: false; readonly reason: string };

/** Parses one JSON line of a prediction log; malformed lines come back as `ok: false`, never thrown. */
export function parseLogLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'not an object' };
  }
  const r = value as Record<string, unknown>;
  if (typeof r.inputs !== 'object' || r.inputs === null || Array.isArray(r.inputs)) {
    return { ok: false, reason: 'no inputs object' };
  }
  if (typeof r.prediction !== 'number' && typeof r.prediction !== 'string') {
    return { ok: false, reason: 'no prediction' };
  }
  return { ok: true, row: value as LogRow };
}

/** Parses a stream of log lines one at a time, skipping blank ones (trailing newline). */
export async function* parseLogLines(lines: AsyncIterable<string>): AsyncGenerator<ParsedLine> {
  for await (const line of lines) {
    // A JSON line starts with '{': only anything else is checked for being blank (no trim per line).
    if (line.charCodeAt(0) !== 0x7b && line.trim() === '') continue;
    yield parseLogLine(line);
  }
}
