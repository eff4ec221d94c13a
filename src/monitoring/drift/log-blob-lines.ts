import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import type { BlobStore } from '../../platform/ports/blob-store';
import { logHourPrefixes, writtenInWindow, type DriftWindow } from './drift-window';

/** What a log scan read, for the report and the operator's log. */
export interface LogScan {
  blobs: number;
  bytes: number;
}

/**
 * The lines of a model's prediction-log blobs written in the window, oldest folder first, one
 * blob at a time, in batches (a chunk's lines: one await per batch, not per line): memory holds
 * one chunk of one blob, whatever the window's size.
 */
export async function* windowLogLines(
  blobs: Pick<BlobStore, 'list' | 'download'>,
  container: string,
  model: string,
  window: DriftWindow,
  scan: LogScan,
): AsyncGenerator<string[]> {
  for (const prefix of logHourPrefixes(model, window)) {
    for await (const info of blobs.list(container, prefix)) {
      if (!info.name.endsWith('.jsonl') || !writtenInWindow(info.lastModified, window)) continue;
      // Pinned to the listed version: blobs are written once, so a change means a replaced blob.
      const { stream } = await blobs.download(container, info.name, { ifMatch: info.etag });
      scan.blobs++;
      scan.bytes += info.size;
      yield* splitLines(stream);
    }
  }
}

/**
 * Splits a UTF-8 stream into lines (without their `\n`), one batch per chunk; a last line
 * without a newline is kept.
 */
export async function* splitLines(stream: Readable): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = rest + decoder.write(chunk);
    const lines: string[] = [];
    let start = 0;
    for (let end = text.indexOf('\n', start); end !== -1; end = text.indexOf('\n', start)) {
      lines.push(text.slice(start, end));
      start = end + 1;
    }
    rest = text.slice(start);
    if (lines.length > 0) yield lines;
  }
  rest += decoder.end();
  if (rest !== '') yield [rest];
}
