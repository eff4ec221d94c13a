import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/ml/data/read-csv';
import { readJsonl } from '../../../src/ml/data/read-jsonl';
import { fitPipeline } from '../../../src/ml/features/fit-pipeline';
import { transformRecords } from '../../../src/ml/features/transform-records';
import { transformTable } from '../../../src/ml/features/transform-table';
import type { FeaturePipeline } from '../../../src/ml/features/types';
import { validateRecord } from '../../../src/ml/features/validate-record';
import { thrownDataError } from '../data/helpers';

const CSV = [
  'y,x,city,flag,when,stamp_ts',
  '1,1.5,Oslo,true,2011-01-01 10:00:00,1300000000',
  '0,,Rome,false,2011-01-03 11:00:00,1300090000',
  '1,3,Oslo,TRUE,,',
  '0,4,Paris,false,2011-01-08 23:00:00,1300500000',
  '1,NA,Lima,true,2011-02-08 23:00:00,1301500000',
].join('\n');

// The same rows as a serving request would carry them: JSON types, nulls, absent fields.
const RECORDS = [
  { x: 1.5, city: 'Oslo', flag: true, when: '2011-01-01T10:00:00Z', stamp_ts: 1300000000 },
  { x: null, city: 'Rome', flag: false, when: '2011-01-03 11:00:00', stamp_ts: '1300090000' },
  { x: '3', city: 'Oslo', flag: 'true', when: null },
  { x: 4, city: 'Paris', flag: 0, when: '2011-01-08 23:00', stamp_ts: 1300500000 },
  { x: 'NA', city: 'Lima', flag: 1, when: '2011-02-08T23:00:00.000Z', stamp_ts: 1301500000 },
];

async function pipelines(): Promise<FeaturePipeline[]> {
  const t = await readCsv(Buffer.from(CSV));
  return (['trees', 'linear'] as const).map((forModel) =>
    fitPipeline(t, { target: 'y', task: 'binary', forModel, rows: Int32Array.of(0, 1, 2, 3) }),
  );
}

describe('training and serving features agree', () => {
  it.each(['trees', 'linear'])('%s: table rows and request records give the same matrix', async (family) => {
    const t = await readCsv(Buffer.from(CSV));
    const p = (await pipelines()).find((x) => x.forModel === family)!;
    const roundTripped = JSON.parse(JSON.stringify(p)) as FeaturePipeline;
    const fromTable = transformTable(p, t);
    const fromRecords = transformRecords(roundTripped, RECORDS);
    expect(fromRecords.names).toEqual(fromTable.names);
    expect(fromRecords.columns.map((c) => Array.from(c))).toEqual(
      fromTable.columns.map((c) => Array.from(c)),
    );
    // Lima was not in the fitted rows: the unknown bucket.
    const city = fromTable.names.indexOf(family === 'trees' ? 'city' : 'city=__unknown__');
    expect(fromTable.columns[city][4]).toBe(family === 'trees' ? 3 : 1);
  });

  it('reads the same features from a JSON Lines file', async () => {
    const [trees] = await pipelines();
    const jsonl = RECORDS.map((r) => JSON.stringify({ y: 1, ...r })).join('\n');
    const fromJsonl = transformTable(trees, await readJsonl(Buffer.from(jsonl)));
    const fromRecords = transformRecords(trees, RECORDS);
    expect(fromJsonl.columns.map((c) => Array.from(c))).toEqual(
      fromRecords.columns.map((c) => Array.from(c)),
    );
  });

  it('keeps the class labels in the pipeline', async () => {
    const [trees] = await pipelines();
    expect(trees.target).toEqual({ name: 'y', task: 'binary', classes: ['0', '1'] });
    expect(trees.inputs.find((f) => f.name === 'stamp_ts')).toEqual({
      name: 'stamp_ts',
      type: 'datetime',
      unit: 's',
    });
  });
});

describe('validateRecord', () => {
  it('accepts a good row, with null for unknown values and extra fields', async () => {
    const [trees] = await pipelines();
    expect(validateRecord(trees, { ...RECORDS[0], x: null, extra: 'ignored' })).toEqual([]);
  });

  it('lists every problem field by field', async () => {
    const [trees] = await pipelines();
    expect(
      validateRecord(trees, {
        x: 'abc',
        city: { a: 1 },
        flag: 'maybe',
        when: 1300000000,
        stamp_ts: Infinity,
      }),
    ).toEqual([
      { field: 'x', code: 'wrong_type', message: 'Feature "x" must be a number, got "abc"' },
      {
        field: 'city',
        code: 'wrong_type',
        message: 'Feature "city" must be a string or number, got an object',
      },
      { field: 'flag', code: 'wrong_type', message: 'Feature "flag" must be true or false, got "maybe"' },
      {
        field: 'when',
        code: 'wrong_type',
        message: 'Feature "when" must be an ISO 8601 date or date-time, got 1300000000',
      },
      { field: 'stamp_ts', code: 'not_finite', message: 'Feature "stamp_ts" must be finite, got Infinity' },
    ]);
    expect(validateRecord(trees, { x: NaN, city: 'Oslo', flag: true, when: null })).toEqual([
      { field: 'x', code: 'not_finite', message: 'Feature "x" must be finite, got NaN' },
      {
        field: 'stamp_ts',
        code: 'missing_feature',
        message: 'Feature "stamp_ts" is missing (send null for an unknown value)',
      },
    ]);
    expect(validateRecord(trees, [1, 2])).toEqual([
      { field: '', code: 'not_an_object', message: 'A row must be a JSON object of feature values' },
    ]);
  });

  it('transformRecords refuses a bad value with a typed error naming field and row', async () => {
    const [trees] = await pipelines();
    const err = thrownDataError(() => transformRecords(trees, [RECORDS[0], { ...RECORDS[0], x: 'abc' }]));
    expect(err.code).toBe('bad_type');
    expect(err.message).toBe('Row 2 (1-based): feature "x" must be a number');
    expect(err.details).toMatchObject({ column: 'x', row: 2 });
  });
});
