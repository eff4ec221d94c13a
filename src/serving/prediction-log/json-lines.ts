import { ByteWriter } from './byte-writer';
import type { PredictedRow } from '../../domain/log-row';

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
export function toJsonLines(rows: readonly PredictedRow[]): Buffer {
  if (rows.length === 0) return Buffer.alloc(0);
  if (rows.some((r) => r.inputsJson !== undefined || r.sentInputs !== undefined)) return withSentInputs(rows);
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

const INPUTS_KEY = Buffer.from(',"inputs":', 'latin1');
const PREDICTION_KEY = Buffer.from(',"prediction":', 'latin1');
const PROBABILITIES_KEY = Buffer.from(',"probabilities":', 'latin1');

/**
 * The same lines as `JSON.stringify(row)` each, keys in LogRow order, with each row's inputs
 * copied from the bytes the client sent where the row has them. The fields a request's rows share
 * are encoded once; only the row number and the prediction are written per row.
 */
function withSentInputs(rows: readonly PredictedRow[]): Buffer {
  // Enough for the usual line (a UUID request id, an ISO time, a float prediction: about 170 bytes
  // around the inputs), so the buffer seldom has to grow and copy what it holds.
  let capacity = 0;
  for (const r of rows) {
    const sent = r.sentInputs;
    const inputs = sent ? sent.offsets[2 * r.row + 1]! - sent.offsets[2 * r.row]! : r.inputsJson?.length;
    capacity += (inputs ?? 256) + 256 + 24 * (r.probabilities?.length ?? 0);
  }
  const w = new ByteWriter(capacity);
  let shared: { from: PredictedRow; head: Buffer; middle: Buffer; end: Buffer } | undefined;
  for (const r of rows) {
    const last = shared?.from;
    if (
      !last ||
      last.requestId !== r.requestId ||
      last.model !== r.model ||
      last.time !== r.time ||
      last.shadow !== r.shadow
    ) {
      shared = {
        from: r,
        head: Buffer.from(`{"requestId":${JSON.stringify(r.requestId)},"row":`, 'utf8'),
        middle: Buffer.from(`,"model":${JSON.stringify(r.model)},"version":`, 'utf8'),
        end: Buffer.from(`,"time":${JSON.stringify(r.time)}${r.shadow ? ',"shadow":true' : ''}}\n`, 'utf8'),
      };
    }
    w.bytes(shared!.head);
    w.ascii(String(r.row));
    w.bytes(shared!.middle);
    w.ascii(String(r.version));
    w.bytes(INPUTS_KEY);
    const sent = r.sentInputs;
    if (sent) w.range(sent.body, sent.offsets[2 * r.row]!, sent.offsets[2 * r.row + 1]!);
    else w.bytes(r.inputsJson ?? Buffer.from(JSON.stringify(r.inputs), 'utf8'));
    w.bytes(PREDICTION_KEY);
    if (typeof r.prediction === 'number') w.ascii(JSON.stringify(r.prediction));
    else w.text(JSON.stringify(r.prediction));
    if (r.probabilities !== undefined) {
      w.bytes(PROBABILITIES_KEY);
      w.ascii(JSON.stringify(r.probabilities));
    }
    w.bytes(shared!.end);
  }
  return w.result();
}
