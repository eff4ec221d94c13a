import type { Readable } from 'node:stream';
import { DataError } from '../errors';
import type { ReadLimits } from './table';

/** What a reader accepts: a Node stream (e.g. a blob download) or the whole file in memory. */
export type DataInput = Readable | Buffer | Uint8Array | ArrayBuffer;

const SLICE = 1 << 20;

/**
 * Yields the input as UTF-8 text chunks while checking what a text file must be: no more than
 * maxBytes, no NUL byte (a binary file), valid UTF-8 and not cut inside a character (truncation).
 * Errors name the byte offset and line.
 */
export async function* textChunks(input: DataInput, limits: ReadLimits): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  let lines = 1;
  for await (const chunk of byteChunks(input, limits)) {
    if (offset + chunk.length > limits.maxBytes) {
      throw new DataError(
        'too_large',
        `The file is larger than ${limits.maxBytes} bytes (limit maxBytes=${limits.maxBytes})`,
        { limit: limits.maxBytes },
      );
    }
    const nul = chunk.indexOf(0);
    if (nul >= 0) {
      const line = lines + countNewlines(chunk, nul);
      throw new DataError(
        'corrupt',
        `The file is binary, not text: NUL byte at byte offset ${offset + nul} (line ${line})`,
        { offset: offset + nul, line },
      );
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const bad = firstInvalidUtf8(chunk);
      const line = lines + countNewlines(chunk, bad);
      throw new DataError(
        'corrupt',
        `The file is not valid UTF-8: bad byte at offset ${offset + bad} (line ${line})`,
        { offset: offset + bad, line },
      );
    }
    lines += countNewlines(chunk, chunk.length);
    offset += chunk.length;
    if (text.length > 0) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest.length > 0) yield rest;
  } catch {
    throw new DataError(
      'corrupt',
      `The file is truncated: it ends inside a UTF-8 character at byte offset ${offset} (line ${lines})`,
      { offset, line: lines },
    );
  }
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
