import type { BlobStore } from '../../platform/ports/blob-store';
import { toJsonLines } from './json-lines';
import { logBlobName, type PredictedRow } from '../../domain/log-row';

export interface PredictionLogOptions {
  readonly blobs: Pick<BlobStore, 'upload'>;
  /** The prediction-logs container. */
  readonly container: string;
  /** Names this process's blobs, so instances never write the same blob. */
  readonly instance: string;
  /** Rows that start a flush; default 1000. */
  readonly batchRows?: number;
  /** Longest a row waits before its flush, in ms; default 1000. */
  readonly flushMs?: number;
  /** Rows held at most; a writer past it waits for a flush (backpressure); default 20,000. */
  readonly maxBufferedRows?: number;
  readonly log?: (line: string) => void;
}

/**
 * Appends predicted rows to `prediction-logs/{model}/{yyyy}/{mm}/{dd}/{hh}/` in batches flushed
 * by size, by time and on close. Each batch is one new block blob (`{instance}-{seq}.jsonl`,
 * created with If-None-Match: *): a batch lands whole or not at all, instances never contend for
 * one blob, and append blobs' 50,000-block limit never applies. A failed upload keeps its rows
 * for the next flush; a full buffer makes writers wait, so no row is dropped
 * while storage answers.
 */
export class PredictionLog {
  private buffer: PredictedRow[] = [];
  private seq = 0;
  private flushing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private written = 0;
  private dropped = 0;
  private flushPending = false;

  constructor(private readonly options: PredictionLogOptions) {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), options.flushMs ?? 1000);
    this.timer.unref();
  }

  /** Rows written to blobs so far. */
  get loggedRows(): number {
    return this.written;
  }

  /** Rows waiting for a flush. */
  get bufferedRows(): number {
    return this.buffer.length;
  }

  /**
   * Buffers rows; resolves at once (a full batch is flushed right after this turn) unless the buffer
   * is full, then after a flush made room.
   */
  async append(rows: readonly PredictedRow[]): Promise<void> {
    for (const row of rows) this.buffer.push(row);
    const max = this.options.maxBufferedRows ?? 20_000;
    if (this.buffer.length >= (this.options.batchRows ?? 1000)) {
      if (this.buffer.length < max) {
        this.flushSoon();
        return;
      }
      await this.flush().catch(() => undefined);
      // Storage down for long: past four buffers the oldest rows go, counted, not memory.
      const excess = this.buffer.length - 4 * max;
      if (excess > 0) {
        this.buffer.splice(0, excess);
        this.dropped += excess;
      }
    }
  }

  /**
   * A flush after the current event-loop turn: the caller's answer goes out before the batch is
   * serialised (the rows are buffered already; close() and the timer flush whatever is left).
   */
  private flushSoon(): void {
    if (this.flushPending) return;
    this.flushPending = true;
    setImmediate(() => {
      this.flushPending = false;
      void this.flush().catch(() => undefined);
    });
  }

  /** Rows given up because storage stayed down while the buffer overflowed (else 0). */
  get droppedRows(): number {
    return this.dropped;
  }

  /** Writes every buffered row (one flush at a time; a call waits for the one running). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(
      () => this.writeBuffered(),
      () => this.writeBuffered(),
    );
    return this.flushing;
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async writeBuffered(): Promise<void> {
    if (this.buffer.length === 0) return;
    const rows = this.buffer;
    this.buffer = [];
    const groups = new Map<string, PredictedRow[]>();
    for (const row of rows) {
      const key = `${row.model}\n${row.time.slice(0, 13)}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      group.push(row);
    }
    const failed: PredictedRow[] = [];
    let firstError: unknown;
    await Promise.all(
      [...groups.values()].map(async (group) => {
        const first = group[0]!;
        const name = logBlobName(first.model, new Date(first.time), this.options.instance, this.seq++);
        // Sent as bytes: a large string body is encoded again in the socket write.
        const text = toJsonLines(group);
        try {
          await this.options.blobs.upload(this.options.container, name, text, {
            contentType: 'application/x-ndjson',
            ifNoneMatch: '*',
          });
          this.written += group.length;
        } catch (err) {
          failed.push(...group);
          firstError ??= err;
        }
      }),
    );
    if (failed.length > 0) {
      // Kept in front of newer rows: retried by the next flush.
      this.buffer = failed.concat(this.buffer);
      this.options.log?.(`prediction log: ${failed.length} rows kept for retry: ${String(firstError)}`);
      throw firstError;
    }
  }
}
