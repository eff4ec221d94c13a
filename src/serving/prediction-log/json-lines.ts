import type { LogRow } from './log-row';

// Rows are written as objects whose first key is requestId: in one JSON.stringify of the batch,
// each boundary between two rows reads exactly this. Its comma becomes a newline (same length).
const BOUNDARY = Buffer.from('},{"requestId":', 'latin1');
const COMMA_AT = 1;
const NEWLINE = 0x0a;

/**
 * The rows as UTF-8 JSON lines (one `JSON.stringify(row)` per line, each ending in a newline).
 * The batch is serialised in one call, about three times faster than a call per row, encoded
 * once, and cut at the row boundaries in place: the comma between two rows and the closing
 * bracket become newlines, so no second copy of the text is made. If an input value happens to
 * hold the boundary text, the count shows it and each row is serialised on its own instead.
 */
export function toJsonLines(rows: readonly LogRow[]): Buffer {
  if (rows.length === 0) return Buffer.alloc(0);
  const whole = Buffer.from(JSON.stringify(rows), 'utf8');
  if (whole.subarray(0, 14).toString('latin1') === '[{"requestId":') {
    const at: number[] = [];
    for (let i = whole.indexOf(BOUNDARY, 1); i !== -1; i = whole.indexOf(BOUNDARY, i + BOUNDARY.length)) {
      at.push(i + COMMA_AT);
      if (at.length >= rows.length) break;
    }
    if (at.length === rows.length - 1) {
      for (const i of at) whole[i] = NEWLINE;
      whole[whole.length - 1] = NEWLINE; // the closing ']'
      return whole.subarray(1);
    }
  }
  return Buffer.from(`${rows.map((r) => JSON.stringify(r)).join('\n')}\n`, 'utf8');
}
