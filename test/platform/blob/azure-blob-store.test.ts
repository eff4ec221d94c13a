import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { AzureBlobStore } from '../../../src/platform/blob/azure-blob-store';
import { blobServiceClient } from '../../../src/platform/storage-clients';
import { emulatorSettings } from '../../support/settings';

const store = new AzureBlobStore(
  blobServiceClient({
    kind: 'connectionString',
    connectionString: emulatorSettings().storageConnectionString,
  }),
);
const smallPages = new AzureBlobStore(
  blobServiceClient({
    kind: 'connectionString',
    connectionString: emulatorSettings().storageConnectionString,
  }),
  { listPageSize: 2 },
);
const fresh = (): string => `t${randomUUID().replace(/-/g, '').slice(0, 20)}`;

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('AzureBlobStore', () => {
  it('uploads with content type and metadata, then reads them back', async () => {
    const c = fresh();
    const info = await store.upload(c, 'm/a.csv', 'x,y\n1,2\n', {
      contentType: 'text/csv',
      metadata: { source: 'test' },
    });
    expect(info).toMatchObject({
      name: 'm/a.csv',
      size: 8,
      contentType: 'text/csv',
      metadata: { source: 'test' },
    });
    expect(info.etag).toMatch(/^"0x[0-9A-F]+"$/);
    const { data, info: read } = await store.downloadToBuffer(c, 'm/a.csv');
    expect(data.toString()).toBe('x,y\n1,2\n');
    expect(read.etag).toBe(info.etag);
    expect(await store.getProperties(c, 'm/a.csv')).toEqual(info);
  });

  it('uploads a stream and streams it back', async () => {
    const c = fresh();
    const big = Buffer.alloc(5 * 1024 * 1024 + 3, 7); // more than one 4 MiB block
    await store.upload(c, 'big.bin', Readable.from([big.subarray(0, 1000), big.subarray(1000)]));
    const { stream, info } = await store.download(c, 'big.bin');
    expect(info.size).toBe(big.length);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(big)).toBe(true);
  });

  it('a stream its writer destroys before the upload reads it fails the upload and writes nothing', async () => {
    const c = fresh();
    const body = new PassThrough();
    const upload = store.upload(c, 'never.csv', body);
    body.destroy(new Error('the scoring file is binary'));
    await expect(upload).rejects.toThrow('the scoring file is binary');
    expect(await store.tryGetProperties(c, 'never.csv')).toBeUndefined();
  });

  it('a stream destroyed part way through fails the upload and commits nothing', async () => {
    const c = fresh();
    const body = new PassThrough();
    const upload = store.upload(c, 'half.bin', body);
    body.write(Buffer.alloc(5 * 1024 * 1024, 1)); // one full block staged
    setTimeout(() => body.destroy(new Error('row 9 is bad')), 50);
    await expect(upload).rejects.toThrow('row 9 is bad');
    expect(await store.tryGetProperties(c, 'half.bin')).toBeUndefined();
  });

  it('create-only upload refuses an existing blob with a typed conflict', async () => {
    const c = fresh();
    await store.upload(c, 'once.txt', 'first', { ifNoneMatch: '*' });
    const err = await failure(store.upload(c, 'once.txt', 'second', { ifNoneMatch: '*' }));
    expect([err.category, err.message]).toEqual(['conflict', `blob ${c}/once.txt already exists`]);
    expect((await store.downloadToBuffer(c, 'once.txt')).data.toString()).toBe('first');
  });

  it('ifMatch overwrites only the version read', async () => {
    const c = fresh();
    const v1 = await store.upload(c, 'doc.json', '{"v":1}');
    const v2 = await store.upload(c, 'doc.json', '{"v":2}', { ifMatch: v1.etag });
    expect(v2.etag).not.toBe(v1.etag);
    const err = await failure(store.upload(c, 'doc.json', '{"v":3}', { ifMatch: v1.etag }));
    expect([err.category, err.code, err.message]).toEqual([
      'conflict',
      'etag_mismatch',
      `blob ${c}/doc.json was changed by someone else (ETag mismatch)`,
    ]);
    const stale = await failure(store.downloadToBuffer(c, 'doc.json', { ifMatch: v1.etag }));
    expect([stale.category, stale.code, stale.message]).toEqual([
      'conflict',
      'etag_mismatch',
      `blob ${c}/doc.json was changed by someone else (ETag mismatch)`,
    ]);
  });

  it('a missing blob is not_found', async () => {
    const c = fresh();
    const err = await failure(store.downloadToBuffer(c, 'nope.csv'));
    expect([err.category, err.message]).toEqual(['not_found', `blob ${c}/nope.csv does not exist`]);
    expect(await store.tryGetProperties(c, 'nope.csv')).toBeUndefined();
    expect(await store.delete(c, 'nope.csv')).toBe(false);
  });

  it('lists by prefix with properties and metadata, across pages', async () => {
    const c = fresh();
    const names = Array.from({ length: 7 }, (_, i) => `a/${i}.txt`);
    await Promise.all(names.map((n) => store.upload(c, n, 'x')));
    await store.upload(c, 'b/other.txt', 'yy', { metadata: { k: 'v' } });
    const listed: string[] = [];
    for await (const b of smallPages.list(c, 'a/')) listed.push(b.name);
    expect(listed).toEqual(names);
    const all = [];
    for await (const b of store.list(c, 'b/')) all.push(b);
    expect(all).toMatchObject([{ name: 'b/other.txt', size: 2, metadata: { k: 'v' } }]);
    expect(all[0]?.lastModified).toBeInstanceOf(Date);
  });

  it('appends, creating the blob on first append', async () => {
    const c = fresh();
    await store.append(c, 'log.jsonl', '{"a":1}\n', { contentType: 'application/x-ndjson' });
    await Promise.all([store.append(c, 'log.jsonl', '{"b":2}\n'), store.append(c, 'log.jsonl', '{"b":2}\n')]);
    const { data, info } = await store.downloadToBuffer(c, 'log.jsonl');
    expect(data.toString()).toBe('{"a":1}\n{"b":2}\n{"b":2}\n');
    expect(info.contentType).toBe('application/x-ndjson');
  });

  it('deletes', async () => {
    const c = fresh();
    const v = await store.upload(c, 'gone.txt', 'x');
    expect(await store.delete(c, 'gone.txt', { ifMatch: v.etag })).toBe(true);
    expect(await store.tryGetProperties(c, 'gone.txt')).toBeUndefined();
  });

  it('pings a live service; an unreachable one is unavailable', async () => {
    await store.ping();
    const dead = new AzureBlobStore(
      blobServiceClient(
        {
          kind: 'connectionString',
          connectionString: emulatorSettings().storageConnectionString.replace(
            /127\.0\.0\.1:\d+/g,
            '127.0.0.1:9',
          ),
        },
        { maxTries: 1, retryDelayInMs: 10, maxRetryDelayInMs: 10 },
      ),
    );
    const err = await failure(dead.ping());
    expect([err.category, err.message]).toEqual([
      'unavailable',
      'Blob storage is unavailable (ECONNREFUSED) while accessing the account',
    ]);
  });
});
