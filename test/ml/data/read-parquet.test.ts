import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../../src/ml/data/read-dataset';
import { readParquet } from '../../../src/ml/data/read-parquet';
import { cellAt } from '../../../src/ml/data/table';
import { DataError } from '../../../src/ml/errors';

// Written by hyparquet-writer: 6 rows in two row groups (4 + 2).
const fixture = readFileSync(join(__dirname, 'fixtures', 'small.parquet'));

async function dataError(promise: Promise<unknown>): Promise<DataError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DataError);
  return err as DataError;
}

describe('readParquet', () => {
  it('reads every column of every row group, typed', async () => {
    const table = await readParquet(fixture);
    expect(table.rowCount).toBe(6);
    expect(table.columns.map((c) => c.name)).toEqual(['id', 'price', 'city', 'flag', 'ts', 'big']);
    const col = (name: string) => table.columns.find((c) => c.name === name)!;
    const cells = (name: string) => [0, 1, 2, 3, 4, 5].map((r) => cellAt(col(name), r));
    expect(cells('id')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(cells('price')).toEqual([1.5, null, 3.25, 4, 5.5, 6]);
    expect(cells('city')).toEqual(['Oslo', 'Rome', null, 'Oslo', 'Paris', 'Rome']);
    expect(cells('flag')).toEqual(['true', 'false', 'true', null, 'false', 'true']);
    expect(cells('ts')[5]).toBe(Date.UTC(2024, 0, 6, 13));
    expect(col('ts').sourceType).toBe('datetime');
    expect(cells('big')).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('reads from a stream and from an ArrayBuffer, chosen by extension', async () => {
    const fromStream = await readDataset(Readable.from([fixture]), 'drop.parquet');
    expect(fromStream.rowCount).toBe(6);
    const ab = fixture.buffer.slice(fixture.byteOffset, fixture.byteOffset + fixture.length);
    expect((await readParquet(ab)).rowCount).toBe(6);
  });

  it.each([
    ['empty', Buffer.alloc(0), 'empty', 'The file is empty: no header and no rows'],
    [
      'truncated',
      fixture.subarray(0, fixture.length - 100),
      'corrupt',
      'Not a complete Parquet file: the "PAR1" marker is missing at the end (the file is truncated)',
    ],
    [
      'not parquet',
      Buffer.from('a,b\n1,2\n'),
      'corrupt',
      'Not a complete Parquet file: the "PAR1" marker is missing at the start',
    ],
  ])('%s → %s', async (_name, bytes, code, message) => {
    const err = await dataError(readParquet(bytes));
    expect(err.code).toBe(code);
    expect(err.message).toBe(message);
  });

  it('rejects a damaged footer as corrupt, not a TypeError', async () => {
    const damaged = Buffer.from(fixture);
    damaged.fill(0x7f, damaged.length - 200, damaged.length - 8);
    const err = await dataError(readParquet(damaged));
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/^The Parquet file cannot be read: /);
  });

  it('rejects over the row and byte limits', async () => {
    const rows = await dataError(readParquet(fixture, { limits: { maxRows: 5, maxBytes: 1e6 } }));
    expect(rows.code).toBe('too_large');
    expect(rows.message).toBe('The file has 6 rows, over the limit of 5 (limit maxRows=5)');
    const bytes = await dataError(
      readParquet(Readable.from([fixture]), { limits: { maxRows: 10, maxBytes: 1000 } }),
    );
    expect(bytes.code).toBe('too_large');
    expect(bytes.message).toBe('The file is larger than 1000 bytes (limit maxBytes=1000)');
  });
});

describe('readDataset', () => {
  it('refuses an unknown extension', async () => {
    expect(() => readDataset(Buffer.from(''), 'data.xlsx')).toThrow(
      'Cannot tell the format of "data.xlsx": use a .csv, .jsonl, .ndjson or .parquet file',
    );
  });

  it('reads .ndjson as JSON Lines', async () => {
    const table = await readDataset(Buffer.from('{"a":1}\n'), 'x.NDJSON');
    expect(table.format).toBe('jsonl');
  });
});
