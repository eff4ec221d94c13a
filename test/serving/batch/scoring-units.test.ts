// The pure parts of batch scoring: what a drop's path asks for, CSV fields, the row chunks read
// from each format, and batch log lines read back by the drift check's reader.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../src/ml/data';
import { parseLogLine } from '../../../src/monitoring/drift/report/log-line';
import { csvField } from '../../../src/serving/batch/formats/csv-writer';
import { csvRecordChunks } from '../../../src/serving/batch/formats/csv-records';
import { jsonlRecordChunks } from '../../../src/serving/batch/formats/jsonl-records';
import type { RecordChunk } from '../../../src/serving/batch/formats/record-chunk';
import { scoringRunIdFor, scoringTarget } from '../../../src/serving/batch/scoring-drop';
import { runIdFor } from '../../../src/domain/ids';
import { toJsonLines } from '../../../src/serving/prediction-log/json-lines';

const collect = async (chunks: AsyncGenerator<RecordChunk>): Promise<RecordChunk[]> => {
  const out: RecordChunk[] = [];
  for await (const c of chunks) out.push(c);
  return out;
};

describe('scoringTarget', () => {
  it.each([
    ['a.csv', { format: 'csv', outputBlobName: 'm/a.csv' }],
    ['v3/a.jsonl', { pinnedVersion: 3, format: 'jsonl', outputBlobName: 'm/a.jsonl' }],
    ['v12/b.PARQUET', { format: 'parquet', pinnedVersion: 12, outputBlobName: 'm/b.PARQUET' }],
  ])('%s', (name, expected) => {
    expect(scoringTarget({ model: 'm', name })).toEqual(expected);
  });

  it.each([
    ['a.txt', 'Cannot tell the format of "a.txt": use a .csv, .jsonl, .ndjson or .parquet file'],
    ['x/a.csv', 'm/x/a.csv: a scoring drop is {model}/{name} or {model}/v{N}/{name}, with no other folders'],
    ['v0/a.csv', 'm/v0/a.csv: v0 is not a version number'],
  ])('refuses %s', (name, message) => {
    expect(() => scoringTarget({ model: 'm', name })).toThrow(message);
  });

  it('derives run ids from name and ETag, apart from training runs', () => {
    expect(scoringRunIdFor('m/a.csv', '"0x1"')).toBe(scoringRunIdFor('m/a.csv', '0x1'));
    expect(scoringRunIdFor('m/a.csv', '0x1')).not.toBe(scoringRunIdFor('m/a.csv', '0x2'));
    expect(scoringRunIdFor('m/a.csv', '0x1')).toMatch(/^score-[0-9a-f]{24}$/);
    expect(scoringRunIdFor('m/a.csv', '0x1').slice(6)).not.toBe(runIdFor('m/a.csv', '0x1').slice(4));
  });
});

describe('csvField', () => {
  it.each([
    [null, ''],
    [1.5, '1.5'],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded', '" padded"'],
  ])('%j → %s', (value, field) => {
    expect(csvField(value)).toBe(field);
  });
});

describe('record chunks', () => {
  it('reads CSV in chunks of text cells, a short row as a row problem', async () => {
    const csv = 'a,b\n1,x\n2\n3,"y,z"\n';
    const chunks = await collect(csvRecordChunks(Readable.from([Buffer.from(csv)]), DEFAULT_LIMITS, 2));
    expect(chunks).toEqual([
      {
        columns: ['a', 'b'],
        rows: [
          { values: { a: '1', b: 'x' } },
          { values: { a: '2', b: undefined }, problem: 'The row has 1 fields but the header has 2' },
        ],
      },
      { columns: ['a', 'b'], rows: [{ values: { a: '3', b: 'y,z' } }] },
    ]);
  });

  it('fails a binary CSV with the offset', async () => {
    await expect(collect(csvRecordChunks(Buffer.from('a\n\0'), DEFAULT_LIMITS, 10))).rejects.toThrow(
      'The file is binary, not text: NUL byte at byte offset 2 (line 2)',
    );
  });

  it('reads JSON Lines, a bad line as a row problem naming it', async () => {
    const text = '{"a":1}\n\n[1]\n{oops\n{"a":2,"b":true}';
    const chunks = await collect(jsonlRecordChunks(Buffer.from(text), DEFAULT_LIMITS, 10));
    expect(chunks).toEqual([
      {
        columns: ['a', 'b'],
        rows: [
          { values: { a: 1 } },
          { values: {}, problem: 'Line 3 is not a JSON object' },
          { values: {}, problem: 'Line 4 is not valid JSON' },
          { values: { a: 2, b: true } },
        ],
      },
    ]);
  });
});

it('writes batch log lines the drift check reads, source and all', () => {
  const text = toJsonLines([
    {
      requestId: 'score-1',
      row: 0,
      model: 'm',
      version: 2,
      inputs: { a: '1' },
      prediction: 3.5,
      time: 't',
      source: 'batch',
    },
    {
      requestId: 'score-1',
      row: 1,
      model: 'm',
      version: 2,
      inputs: { a: '2' },
      prediction: 4,
      time: 't',
      source: 'batch',
    },
  ]).toString('utf8');
  const parsed = text.trim().split('\n').map(parseLogLine);
  expect(parsed).toEqual([
    {
      ok: true,
      row: {
        requestId: 'score-1',
        row: 0,
        model: 'm',
        version: 2,
        inputs: { a: '1' },
        prediction: 3.5,
        time: 't',
        source: 'batch',
      },
    },
    {
      ok: true,
      row: {
        requestId: 'score-1',
        row: 1,
        model: 'm',
        version: 2,
        inputs: { a: '2' },
        prediction: 4,
        time: 't',
        source: 'batch',
      },
    },
  ]);
});
