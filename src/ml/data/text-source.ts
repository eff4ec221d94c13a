import type { Readable } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import { DataError } from '../errors';
import type { ReadLimits } from './table';

/** What a reader accepts: a Node stream (e.g. a blob download) or the whole file in memory. */
export type DataInput = Readable | Buffer | Uint8Array | ArrayBuffer;

const SLICE = 1 << 20;

/**
 * Yields the input's bytes once checked for what a text file must be: no more than maxBytes, no
 * NUL byte (a binary file), valid UTF-8 and not cut inside a character (truncation). Errors name
 * the byte offset and line. Chunks stay bytes so csv-parse needs no second encoding pass, and
 * each ends on a character boundary (csv-parse garbles a 4-byte character split between chunks).
 */
export async function* checkedChunks(input: DataInput, limits: ReadLimits): AsyncGenerator<Buffer> {
  let offset = 0;
  let lines = 1;
  let carry: Buffer = Buffer.alloc(0);
  const fail = (chunk: Buffer, at: number, what: string): DataError => {
    const line = lines + countNewlines(chunk, at);
    return new DataError('corrupt', `${what} at byte offset ${offset + at} (line ${line})`, {
      offset: offset + at,
      line,
    });
  };
  for await (const chunk of byteChunks(input, limits)) {
    if (offset + chunk.length > limits.maxBytes) {
      throw new DataError(
        'too_large',
        `The file is larger than ${limits.maxBytes} bytes (limit maxBytes=${limits.maxBytes})`,
        { limit: limits.maxBytes },
      );
    }
    const nul = chunk.indexOf(0);
    if (nul >= 0) throw fail(chunk, nul, 'The file is binary, not text: NUL byte');
    // A character split across chunks is checked together with the bytes that finish it.
    let from = 0;
    if (carry.length > 0) {
      from = Math.min(chunk.length, utf8Size(carry[0]) - carry.length);
      const joined = Buffer.concat([carry, chunk.subarray(0, from)]);
      if (joined.length < utf8Size(carry[0])) {
        carry = joined;
        offset += chunk.length;
        continue;
      }
      if (!isUtf8(joined)) throw fail(chunk, 0, 'The file is not valid UTF-8: bad byte');
      yield joined;
    }
    const cut = Math.max(from, incompleteTail(chunk));
    const body = chunk.subarray(from, cut);
    if (!isUtf8(body))
      throw fail(chunk, from + firstInvalidUtf8(body), 'The file is not valid UTF-8: bad byte');
    carry = Buffer.from(chunk.subarray(cut));
    lines += countNewlines(chunk, chunk.length);
    offset += chunk.length;
    if (body.length > 0) yield body;
  }
  if (carry.length > 0) {
    throw new DataError(
      'corrupt',
      `The file is truncated: it ends inside a UTF-8 character at byte offset ${offset} (line ${lines})`,
      { offset, line: lines },
    );
  }
}

/** Checked input as text chunks (for JSON Lines). */
export async function* textChunks(input: DataInput, limits: ReadLimits): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of checkedChunks(input, limits)) {
    const text = decoder.decode(chunk, { stream: true });
    if (text.length > 0) yield text;
  }
}

/**
 * Checked input as lines (for JSON Lines), a batch per chunk read: every line ended by '\n',
 * then the last one if the file does not end with one. Only the new text is searched for line
 * ends, so a long unfinished line costs linear time, not a rescan per chunk.
 */
export async function* textLines(input: DataInput, limits: ReadLimits): AsyncGenerator<string[]> {
  let pending = '';
  for await (const text of textChunks(input, limits)) {
    const from = pending.length;
    pending += text;
    const lines: string[] = [];
    let start = 0;
    for (let nl = pending.indexOf('\n', from); nl >= 0; nl = pending.indexOf('\n', start)) {
      lines.push(pending.slice(start, nl));
      start = nl + 1;
    }
    pending = pending.slice(start);
    if (lines.length > 0) yield lines;
  }
  if (pending.length > 0) yield [pending];
}

function utf8Size(lead: number): number {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
}

/** Length of the bytes before a trailing, unfinished UTF-8 sequence (the whole length if none). */
function incompleteTail(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if ((b & 0xc0) === 0x80) continue;
    const size = utf8Size(b);
    return size > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/** The bytes of the input, as Buffers; whole buffers are sliced so checks and parsing stream too. */
export async function* byteChunks(input: DataInput, limits: ReadLimits): AsyncGenerator<Buffer> {
  if (input instanceof ArrayBuffer || input instanceof Uint8Array) {
    const buf = input instanceof ArrayBuffer ? Buffer.from(input) : toBuffer(input);
    if (buf.length > limits.maxBytes) {
      throw new DataError(
        'too_large',
        `The file is ${buf.length} bytes, over the limit of ${limits.maxBytes} bytes (limit maxBytes=${limits.maxBytes})`,
        { limit: limits.maxBytes },
      );
    }
    for (let i = 0; i < buf.length; i += SLICE) yield buf.subarray(i, Math.min(buf.length, i + SLICE));
    return;
  }
  if (
    input === null ||
    typeof (input as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] !== 'function'
  ) {
    throw new DataError('corrupt', 'The input is neither a stream nor bytes');
  }
  for await (const chunk of input as AsyncIterable<unknown>) {
    if (typeof chunk === 'string') yield Buffer.from(chunk, 'utf8');
    else if (chunk instanceof Uint8Array) yield toBuffer(chunk);
    else throw new DataError('corrupt', 'The input stream yielded something other than bytes');
  }
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function countNewlines(chunk: Buffer, end: number): number {
  let n = 0;
  let i = chunk.indexOf(10);
  while (i >= 0 && i < end) {
    n++;
    i = chunk.indexOf(10, i + 1);
  }
  return n;
}

/** Offset of the first byte that breaks UTF-8 (only run once decoding has already failed). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return i;
      if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}
