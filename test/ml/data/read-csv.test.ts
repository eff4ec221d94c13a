import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/ml/data/read-csv';
import { cellAt } from '../../../src/ml/data/table';
import { DataError } from '../../../src/ml/errors';

const csv = (text: string): Buffer => Buffer.from(text, 'utf8');

async function dataError(promise: Promise<unknown>): Promise<DataError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DataError);
  return err as DataError;
}

describe('readCsv', () => {
  it('reads header, BOM, CRLF, quoted fields and skips blank lines into typed columns', async () => {
    const table = await readCsv(csv('\uFEFFa,b,c\r\n1,"x, y",2.5\r\n\r\n2,"say ""hi""",NA\r\n3,,N/A\r\n'));
    expect(table.rowCount).toBe(3);
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    const [a, b, c] = table.columns;
    expect(Array.from(a.numbers ?? [])).toEqual([1, 2, 3]);
    expect(a.codes).toBeNull();
    expect(b.dictionary).toEqual(['x, y', 'say "hi"']);
    expect(Array.from(b.codes ?? [])).toEqual([0, 1, -1]);
    expect(Array.from(b.missing)).toEqual([0, 0, 1]);
    expect(c.missingCount).toBe(2);
    expect(cellAt(c, 0)).toBe(2.5);
    expect(cellAt(c, 1)).toBeNull();
  });

  it('takes a stray quote inside an unquoted field as text', async () => {
    const table = await readCsv(csv('size,n\n5" screen,1\n'));
    expect(table.columns[0].dictionary).toEqual(['5" screen']);
  });

  it('keeps mixed cells apart and remembers the first row of each kind', async () => {
    const table = await readCsv(csv('v\n1\n2\nabc\n4\n'));
    const [v] = table.columns;
    expect(v.numberCount).toBe(3);
    expect(v.textCount).toBe(1);
    expect(v.firstTextRow).toBe(2);
    expect(Number.isNaN(v.numbers?.[2])).toBe(true);
  });

  it('reads from a Node stream split at awkward places (inside a UTF-8 character)', async () => {
    const bytes = csv('name,n\nZoë,1\nÅsa,2\n');
    const parts = [bytes.subarray(0, 10), bytes.subarray(10, 11), bytes.subarray(11)];
    const table = await readCsv(Readable.from(parts));
    expect(table.columns[0].dictionary).toEqual(['Zoë', 'Åsa']);
  });

  it('grows past its initial capacity', async () => {
    const lines = ['x,y'];
    for (let i = 0; i < 5000; i++) lines.push(`${i},${i % 3 === 0 ? 'a' : 'b'}`);
    const table = await readCsv(csv(lines.join('\n')));
    expect(table.rowCount).toBe(5000);
    expect(table.columns[0].numbers?.[4999]).toBe(4999);
    expect(table.columns[1].codes?.[4999]).toBe(1);
  });

  it.each([
    ['empty file', '', 'empty', 'The file is empty: no header and no rows'],
    ['blank lines only', '\n\n\r\n', 'empty', 'The file is empty: no header and no rows'],
    ['header only', 'a,b,c\n', 'no_rows', 'The file has a header (3 columns) but no data rows'],
    [
      'ragged row',
      'a,b\n1,2\n3\n',
      'corrupt',
      'Data row 2 (1-based, header not counted) has 1 fields but the header has 2; the file may be truncated or malformed',
    ],
    ['duplicate header', 'a,a\n1,2\n', 'corrupt', 'Column "a" appears twice in the header'],
  ])('%s → %s', async (_name, text, code, message) => {
    const err = await dataError(readCsv(csv(text)));
    expect(err.code).toBe(code);
    expect(err.message).toBe(message);
  });

  it('names the row of a ragged record in details', async () => {
    const err = await dataError(readCsv(csv('a,b\n1,2\n3,4\n5\n')));
    expect([err.code, err.message]).toEqual([
      'corrupt',
      'Data row 3 (1-based, header not counted) has 1 fields but the header has 2; the file may be truncated or malformed',
    ]);
    expect(err.details.row).toBe(3);
  });

  it('rejects a file cut inside a quoted field', async () => {
    const err = await dataError(readCsv(csv('a,b\n1,"unfinished')));
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/^The CSV is malformed: Quote Not Closed/);
  });

  it('rejects a binary file naming the byte offset and line', async () => {
    const err = await dataError(readCsv(Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x31, 0x2c, 0x00, 0x0a])));
    expect(err.code).toBe('corrupt');
    expect(err.message).toBe('The file is binary, not text: NUL byte at byte offset 6 (line 2)');
  });

  it('rejects invalid UTF-8 naming the offset', async () => {
    const err = await dataError(readCsv(Buffer.concat([csv('a\nx\n'), Buffer.from([0xff, 0x0a])])));
    expect(err.code).toBe('corrupt');
    expect(err.message).toBe('The file is not valid UTF-8: bad byte at byte offset 4 (line 3)');
  });

  it('rejects a file cut inside a UTF-8 character', async () => {
    const bytes = csv('a\nZoë');
    const err = await dataError(readCsv(bytes.subarray(0, bytes.length - 1)));
    expect(err.code).toBe('corrupt');
    expect(err.message).toBe(
      'The file is truncated: it ends inside a UTF-8 character at byte offset 5 (line 2)',
    );
  });

  it('rejects more rows than maxRows, naming the limit', async () => {
    const err = await dataError(readCsv(csv('a\n1\n2\n3\n'), { limits: { maxRows: 2, maxBytes: 1000 } }));
    expect(err.code).toBe('too_large');
    expect(err.message).toBe('The file has more than 2 rows (limit maxRows=2)');
    expect(err.details.limit).toBe(2);
  });

  it('rejects more bytes than maxBytes, from a buffer and from a stream', async () => {
    const text = 'a\n' + '1\n'.repeat(50);
    const limits = { maxRows: 1000, maxBytes: 40 };
    const fromBuffer = await dataError(readCsv(csv(text), { limits }));
    expect(fromBuffer.code).toBe('too_large');
    expect(fromBuffer.message).toBe('The file is 102 bytes, over the limit of 40 bytes (limit maxBytes=40)');
    const fromStream = await dataError(readCsv(Readable.from([csv(text)]), { limits }));
    expect(fromStream.message).toBe('The file is larger than 40 bytes (limit maxBytes=40)');
    expect(fromStream.details.limit).toBe(40);
  });
});

describe('readCsv on byte-sized stream chunks', () => {
  it('accepts multi-byte characters split one byte per chunk and rejects a bad one', async () => {
    const bytes = Buffer.from('name\nZoë\n😀\n', 'utf8');
    const oneByOne = Array.from(bytes, (b) => Buffer.from([b]));
    const table = await readCsv(Readable.from(oneByOne));
    expect(table.columns[0].dictionary).toEqual(['Zoë', '😀']);
    const bad = Buffer.from([...Buffer.from('a\n'), 0xe2, 0x28, 0xa1, 0x0a]);
    const err = await dataError(readCsv(Readable.from([bad.subarray(0, 3), bad.subarray(3)])));
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/^The file is not valid UTF-8: bad byte at byte offset [23] \(line 2\)$/);
  });
});

describe('column arrays that start late and grow', () => {
  it('keep NaN where no number is and -1 where no text is', async () => {
    const lines = ['v'];
    for (let i = 0; i < 3000; i++) lines.push(i < 1500 ? 'NA' : i === 2500 || i === 2999 ? 'txt' : String(i));
    const [v] = (await readCsv(Buffer.from(lines.join('\n')))).columns;
    const numbers = Array.from(v.numbers ?? []);
    const codes = Array.from(v.codes ?? []);
    expect(numbers.filter((n) => !Number.isNaN(n)).length).toBe(1498);
    expect(numbers.slice(0, 1500).every(Number.isNaN)).toBe(true);
    expect([numbers[2500], numbers[2999], numbers[2501]]).toEqual([NaN, NaN, 2501]);
    expect(codes.filter((c) => c === 0).length).toBe(2);
    expect(codes.filter((c) => c === -1).length).toBe(2998);
    expect([v.missingCount, v.numberCount, v.textCount]).toEqual([1500, 1498, 2]);
  });
});

describe('readCsv column limit', () => {
  it('refuses a header past MAX_DATASET_COLUMNS (default 1,000) naming the first column over it', async () => {
    const header = Array.from({ length: 1001 }, (_, i) => `c${i}`).join(',');
    const row = Array.from({ length: 1001 }, () => '1').join(',');
    const err = await readCsv(Buffer.from(`${header}\n${row}\n`)).then(
      () => undefined,
      (e: unknown) => e as DataError,
    );
    expect(err).toBeInstanceOf(DataError);
    expect(err!.message).toBe(
      'The file has more than 1000 columns (limit MAX_DATASET_COLUMNS=1000); column 1001 is "c1000"',
    );
  });
});
