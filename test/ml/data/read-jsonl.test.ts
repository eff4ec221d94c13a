import { describe, expect, it } from 'vitest';
import { readJsonl } from '../../../src/ml/data/read-jsonl';
import { cellAt } from '../../../src/ml/data/table';
import { DataError } from '../../../src/ml/errors';

async function dataError(promise: Promise<unknown>): Promise<DataError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DataError);
  return err as DataError;
}

const jsonl = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('readJsonl', () => {
  it('takes the union of keys, fills absent keys as missing and reads scalars by kind', async () => {
    const table = await readJsonl(
      jsonl('{"a":1,"b":"x"}\r\n\n{"b":"y","c":true}\n{"a":null,"c":false,"d":"NA"}\n{"a":"2.5"}'),
    );
    expect(table.rowCount).toBe(4);
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'b', 'c', 'd']);
    const [a, b, c, d] = table.columns;
    expect([0, 1, 2, 3].map((r) => cellAt(a, r))).toEqual([1, null, null, 2.5]);
    expect([0, 1, 2, 3].map((r) => cellAt(b, r))).toEqual(['x', 'y', null, null]);
    expect([0, 1, 2, 3].map((r) => cellAt(c, r))).toEqual([null, 'true', 'false', null]);
    expect(d.missingCount).toBe(4);
  });

  it.each([
    ['empty', '', 'empty', 'The file is empty: no header and no rows'],
    [
      'truncated last line',
      '{"a":1}\n{"a":',
      'corrupt',
      /^Line 2 is not valid JSON \(.+\); the file may be truncated$/,
    ],
    [
      'an array line',
      '{"a":1}\n\n[1,2]\n',
      'corrupt',
      'Line 3 is not a JSON object; each line must hold one record',
    ],
    [
      'a nested value',
      '{"a":1}\n{"a":{"x":1}}\n',
      'bad_type',
      'Column "a" holds a nested value (object or list) at data row 2 (1-based, header not counted); only scalar values are supported',
    ],
  ])('%s → %s', async (_name, text, code, message) => {
    const err = await dataError(readJsonl(jsonl(text)));
    expect(err.code).toBe(code);
    if (typeof message === 'string') expect(err.message).toBe(message);
    else expect(err.message).toMatch(message);
  });

  it('names the line of a bad record in details', async () => {
    const err = await dataError(readJsonl(jsonl('{"a":1}\n\n{"a":\n')));
    expect(err.details.line).toBe(3);
  });

  it('rejects a binary file and one over maxBytes', async () => {
    const binary = await dataError(readJsonl(Buffer.from([0x7b, 0x7d, 0x0a, 0x00, 0x01])));
    expect(binary.code).toBe('corrupt');
    expect(binary.message).toBe('The file is binary, not text: NUL byte at byte offset 3 (line 2)');
    const big = await dataError(
      readJsonl(jsonl('{"a":1}\n'.repeat(20)), { limits: { maxRows: 100, maxBytes: 100 } }),
    );
    expect(big.code).toBe('too_large');
    expect(big.details.limit).toBe(100);
  });

  it('rejects more rows than maxRows', async () => {
    const err = await dataError(
      readJsonl(jsonl('{"a":1}\n{"a":2}\n'), { limits: { maxRows: 1, maxBytes: 100 } }),
    );
    expect(err.code).toBe('too_large');
    expect(err.message).toBe('The file has more than 1 rows (limit maxRows=1)');
  });
});

describe('readJsonl against hostile files', () => {
  it('refuses a new key on every line past the column limit, reading no further', async () => {
    // Without the limit every new key is padded to the rows read: 200,000 x 200,000 cells.
    const lines = Array.from({ length: 200_000 }, (_, i) => `{"k${i}":1}`).join('\n');
    const err = await dataError(readJsonl(jsonl(lines)));
    expect(err.code).toBe('too_large');
    expect(err.message).toBe(
      'The file has more than 1000 columns (limit MAX_DATASET_COLUMNS=1000); column 1001 is "k1000"',
    );
    expect(err.details).toMatchObject({ limit: 1000, column: 'k1000', row: 1001 });
  });

  it('takes the limit from the read limits', async () => {
    const err = await dataError(
      readJsonl(jsonl('{"a":1,"b":2,"c":3}'), { limits: { maxRows: 10, maxBytes: 1000, maxColumns: 2 } }),
    );
    expect(err.message).toMatch(
      /^The file has more than 2 columns \(limit MAX_DATASET_COLUMNS=2\); column 3 is "c"$/,
    );
  });
});
