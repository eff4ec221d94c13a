// The prediction log on an in-memory blob store: batches by size, time and close, blob names,
// retry after a failed upload, and no lost row under concurrent predict requests.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import type { BlobInfo, UploadOptions } from '../../../src/platform/ports/blob-store';
import { logBlobName, type LogRow } from '../../../src/domain/log-row';
import { PredictionLog } from '../../../src/serving/prediction-log/prediction-log';
import { predict } from '../../../src/serving/predict/predict';
import { jsonBody, predictDeps, TAXI_ROW, trainedTaxi } from '../predict/served-versions';

/** Blobs by name; create-only uploads refuse an existing name; `failNext` fails uploads. */
class Blobs {
  readonly files = new Map<string, string>();
  failNext = 0;
  delayMs = 0;
  async upload(
    container: string,
    name: string,
    data: unknown,
    options: UploadOptions = {},
  ): Promise<BlobInfo> {
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, Math.random() * this.delayMs));
    if (this.failNext > 0) {
      this.failNext--;
      throw new AppError('unavailable', 'blob_down', 'Blob storage cannot be reached');
    }
    const key = `${container}/${name}`;
    if (options.ifNoneMatch === '*' && this.files.has(key)) throw new AppError('conflict', 'exists', key);
    this.files.set(key, String(data));
    return { name, etag: '"1"', size: 0, lastModified: new Date(), metadata: {} };
  }
  lines(): LogRow[] {
    return [...this.files.values()].flatMap((t) =>
      t
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as LogRow),
    );
  }
}

const row = (i: number, time = '2026-03-04T05:06:07.000Z', model = 'm'): LogRow => ({
  requestId: 'r',
  row: i,
  model,
  version: 1,
  inputs: { x: i },
  prediction: i / 2,
  time,
});

describe('prediction log', () => {
  it('names blobs {model}/{yyyy}/{mm}/{dd}/{hh}/{instance}-{seq}.jsonl in UTC', () => {
    expect(logBlobName('taxi', new Date('2026-03-04T23:59:59+02:00'), 'host-1', 7)).toBe(
      'taxi/2026/03/04/21/host-1-00000007.jsonl',
    );
  });

  it('flushes a batch when it reaches batchRows, one blob per model and hour', async () => {
    const blobs = new Blobs();
    const log = new PredictionLog({ blobs, container: 'logs', instance: 'i', batchRows: 4, flushMs: 60_000 });
    await log.append([row(0), row(1), row(2)]);
    expect(blobs.files.size).toBe(0);
    await log.append([row(3, '2026-03-04T06:00:00.000Z'), row(4, undefined, 'other')]);
    await log.flush();
    expect([...blobs.files.keys()].sort()).toEqual([
      'logs/m/2026/03/04/05/i-00000000.jsonl',
      'logs/m/2026/03/04/06/i-00000001.jsonl',
      'logs/other/2026/03/04/05/i-00000002.jsonl',
    ]);
    expect(blobs.files.get('logs/m/2026/03/04/05/i-00000000.jsonl')).toBe(
      [0, 1, 2].map((i) => JSON.stringify(row(i))).join('\n') + '\n',
    );
    expect(log.loggedRows).toBe(5);
    await log.close();
  });

  it('flushes by time and on close', async () => {
    const blobs = new Blobs();
    const log = new PredictionLog({ blobs, container: 'logs', instance: 'i', flushMs: 20 });
    await log.append([row(0)]);
    await new Promise((r) => setTimeout(r, 100));
    expect(blobs.lines()).toHaveLength(1);
    await log.append([row(1)]);
    await log.close();
    expect(blobs.lines().map((r) => r.row)).toEqual([0, 1]);
  });

  it('keeps the rows of a failed upload and writes them with the next flush', async () => {
    const blobs = new Blobs();
    const log = new PredictionLog({ blobs, container: 'logs', instance: 'i', flushMs: 60_000 });
    await log.append([row(0), row(1)]);
    blobs.failNext = 1;
    await expect(log.flush()).rejects.toThrow('Blob storage cannot be reached');
    expect(log.bufferedRows).toBe(2);
    await log.append([row(2)]);
    await log.close();
    expect(blobs.lines().map((r) => r.row)).toEqual([0, 1, 2]);
    expect(log.droppedRows).toBe(0);
  });

  it('logs exactly the predicted rows under 200 concurrent requests with a small buffer', async () => {
    const deps = await trainedTaxi(1, 10);
    const blobs = new Blobs();
    blobs.delayMs = 5;
    const log = new PredictionLog({
      blobs,
      container: 'logs',
      instance: 'i',
      batchRows: 50,
      maxBufferedRows: 200,
    });
    const p = { ...predictDeps(deps), log };
    const sizes = Array.from({ length: 200 }, (_, i) => 1 + ((i * 37) % 40));
    const answers = await Promise.all(
      sizes.map((n) => predict(p, { model: 'taxi', body: jsonBody({ rows: Array(n).fill(TAXI_ROW) }) })),
    );
    await log.close();
    const predicted = answers.reduce((sum, a) => sum + a.predictions.length, 0);
    const lines = blobs.lines();
    expect(predicted).toBe(sizes.reduce((a, b) => a + b, 0));
    expect(lines).toHaveLength(predicted);
    expect(new Set(lines.map((l) => `${l.requestId}/${l.row}`)).size).toBe(predicted);
    expect(log.loggedRows).toBe(predicted);
  }, 60_000);
});
