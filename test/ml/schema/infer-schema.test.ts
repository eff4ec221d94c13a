import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/ml/data/read-csv';
import { dataReport } from '../../../src/ml/schema/data-report';
import { inferSchema } from '../../../src/ml/schema/infer-schema';
import type { InferOptions } from '../../../src/ml/schema/types';
import { rejectedDataError } from '../data/helpers';

const schemaOf = async (text: string, options?: InferOptions) =>
  inferSchema(await readCsv(Buffer.from(text)), options);

describe('inferSchema', () => {
  it('infers numeric, categorical, boolean and datetime columns with their report', async () => {
    const schema = await schemaOf(
      [
        'n,city,flag,day,stamp,created_at',
        '1.5,Oslo,true,2011-01-01,2011-01-01 10:00:00,1300000000',
        '2.5,Rome,FALSE,2011-01-02,2011-01-01T11:00:00Z,1300003600',
        'NA,Oslo,,2011-01-02,,1300007200',
        '4,Oslo,true,2011-01-03,2011-01-02 00:00:00,',
      ].join('\n'),
    );
    expect(schema).toEqual({
      rowCount: 4,
      columns: [
        {
          name: 'n',
          type: 'numeric',
          missing: 1,
          missingRate: 0.25,
          distinct: 3,
          min: 1.5,
          max: 4,
          mean: 8 / 3,
        },
        {
          name: 'city',
          type: 'categorical',
          missing: 0,
          missingRate: 0,
          distinct: 2,
          top: [
            { value: 'Oslo', count: 3 },
            { value: 'Rome', count: 1 },
          ],
        },
        {
          name: 'flag',
          type: 'boolean',
          missing: 1,
          missingRate: 0.25,
          distinct: 2,
          top: [
            { value: 'true', count: 2 },
            { value: 'false', count: 1 },
          ],
        },
        {
          name: 'day',
          type: 'datetime',
          missing: 0,
          missingRate: 0,
          distinct: 3,
          min: '2011-01-01T00:00:00.000Z',
          max: '2011-01-03T00:00:00.000Z',
        },
        {
          name: 'stamp',
          type: 'datetime',
          missing: 1,
          missingRate: 0.25,
          distinct: 3,
          min: '2011-01-01T10:00:00.000Z',
          max: '2011-01-02T00:00:00.000Z',
        },
        {
          name: 'created_at',
          type: 'datetime',
          unit: 's',
          missing: 1,
          missingRate: 0.25,
          distinct: 3,
          min: '2011-03-13T07:06:40.000Z',
          max: '2011-03-13T09:06:40.000Z',
        },
      ],
    });
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it('keeps numbers in a time-named column numeric when they are not epoch times', async () => {
    const schema = await schemaOf('wait_time\n1\n2\n');
    expect(schema.columns[0].type).toBe('numeric');
  });

  it('honours forced types and time columns', async () => {
    const schema = await schemaOf('zip,t,b\n01234,1300000000000,1\n98765,1300000001000,0\n', {
      types: { zip: 'categorical', b: 'boolean' },
      timeColumns: ['t'],
    });
    expect(schema.columns.map((c) => [c.type, c.unit])).toEqual([
      ['categorical', undefined],
      ['datetime', 'ms'],
      ['boolean', undefined],
    ]);
    expect(schema.columns[0].top).toEqual([
      { value: '1234', count: 1 },
      { value: '98765', count: 1 },
    ]);
  });

  it.each<[string, string, InferOptions, string, number, string]>([
    [
      'text among numbers',
      'x\n1\n2\nabc\n4\n',
      {},
      'x',
      3,
      'Column "x" mixes numbers and text: data row 3 (1-based, header not counted) has "abc" where most values are numbers',
    ],
    [
      'a number among text',
      'x\na\nb\n7\nc\n',
      {},
      'x',
      3,
      'Column "x" mixes numbers and text: data row 3 (1-based, header not counted) has 7 where most values are text',
    ],
    [
      'a non-date among dates',
      'd\n2011-01-01\n2011-01-02\nsoon\n',
      {},
      'd',
      3,
      'Column "d" should hold an ISO 8601 date or date-time: data row 3 (1-based, header not counted) has "soon"',
    ],
    [
      'text in a forced numeric column',
      'x\na\n',
      { types: { x: 'numeric' } },
      'x',
      1,
      'Column "x" should hold a number: data row 1 (1-based, header not counted) has "a"',
    ],
    [
      'small numbers in a time column',
      't\n1300000000\n5\n',
      { timeColumns: ['t'] },
      't',
      2,
      'Column "t" should hold epoch seconds or milliseconds: data row 2 (1-based, header not counted) has "5"',
    ],
    [
      'a non-boolean in a forced boolean column',
      'b\n1\n0\n2\n',
      { types: { b: 'boolean' } },
      'b',
      3,
      'Column "b" should hold true/false or 0/1: data row 3 (1-based, header not counted) has "2"',
    ],
  ])(
    '%s → bad_type naming column and row',
    async (_name, text, options: InferOptions, column, row, message) => {
      const err = await rejectedDataError(schemaOf(text, options));
      expect(err.code).toBe('bad_type');
      expect(err.message).toBe(message);
      expect(err.details).toMatchObject({ column, row });
    },
  );

  it('refuses a spec naming a column the data lacks', async () => {
    const err = await rejectedDataError(schemaOf('a\n1\n', { timeColumns: ['when'] }));
    expect(err.code).toBe('missing_column');
    expect(err.message).toBe('Column "when" named in the spec is not in the data');
    expect(err.details.column).toBe('when');
  });
});

describe('dataReport', () => {
  it('warns about all-missing, constant and mostly-missing columns', async () => {
    const report = dataReport(await schemaOf('a,b,c,d\n,1,x,1\n,1,,2\n,1,,3\n'));
    expect(report.warnings).toEqual([
      { column: 'a', code: 'all_missing', message: 'Column "a" has no values (all missing)' },
      {
        column: 'b',
        code: 'constant',
        message: 'Column "b" has a single value (1) in every non-missing row',
      },
      {
        column: 'c',
        code: 'constant',
        message: 'Column "c" has a single value (x) in every non-missing row',
      },
    ]);
    const mostly = dataReport(await schemaOf('a,b\n1,1\n,2\n,3\n2,4\n'));
    expect(mostly.warnings).toEqual([
      { column: 'a', code: 'mostly_missing', message: 'Column "a" is 50.0% missing' },
    ]);
  });
});

describe('distinct counts of many numbers', () => {
  it('stops counting at 50,000 and says so', async () => {
    const lines = ['x,y'];
    for (let i = 0; i < 50_010; i++) lines.push(`${i},${i % 3}`);
    const schema = await schemaOf(lines.join('\n'));
    expect(schema.columns[0]).toMatchObject({ distinct: 50_000, distinctCapped: true, min: 0, max: 50_009 });
    expect(schema.columns[1]).toEqual({
      name: 'y',
      type: 'numeric',
      missing: 0,
      missingRate: 0,
      distinct: 3,
      min: 0,
      max: 2,
      mean: expect.any(Number),
    });
  });
});
