import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/ml/data/read-csv';
import { holdoutSplit, splitBefore } from '../../../src/ml/features/split';
import { inferSchema } from '../../../src/ml/schema/infer-schema';
import { BIKE_SHARING_CSV, bikeSharingAvailable, thrownDataError } from '../data/helpers';

async function tableOf(text: string) {
  const table = await readCsv(Buffer.from(text));
  return { table, schema: inferSchema(table) };
}

describe('holdoutSplit', () => {
  it('holds out the latest rows by time, rows without a time train', async () => {
    const { table, schema } = await tableOf(
      't,x\n2011-01-05,1\n2011-01-01,2\n,3\n2011-01-04,4\n2011-01-02,5\n',
    );
    const split = holdoutSplit(table, schema, { timeColumn: 't', fraction: 0.4 });
    expect(Array.from(split.holdout)).toEqual([0, 3]);
    expect(Array.from(split.train)).toEqual([1, 2, 4]);
  });

  it('shuffles with a seed: the same split every run, another with another seed', async () => {
    const lines = ['x', ...Array.from({ length: 100 }, (_, i) => String(i))];
    const { table, schema } = await tableOf(lines.join('\n'));
    const a = holdoutSplit(table, schema);
    expect(a.holdout.length).toBe(20);
    expect(a.train.length).toBe(80);
    expect(Array.from(holdoutSplit(table, schema).holdout)).toEqual(Array.from(a.holdout));
    expect(Array.from(holdoutSplit(table, schema, { seed: 7 }).holdout)).not.toEqual(Array.from(a.holdout));
    expect(new Set([...a.train, ...a.holdout]).size).toBe(100);
  });

  it.each([
    ['a bad fraction', { fraction: 1 }, 'bad_spec', 'The holdout fraction must be between 0 and 1, got 1'],
    [
      'an unknown time column',
      { timeColumn: 'when' },
      'missing_column',
      'Time column "when" is not in the data',
    ],
    [
      'a time column that is not time',
      { timeColumn: 'x' },
      'bad_type',
      'Time column "x" is numeric, not a date or time',
    ],
  ])('refuses %s', async (_name, options, code, message) => {
    const { table, schema } = await tableOf('x\n1\n2\n3\n');
    const err = thrownDataError(() => holdoutSplit(table, schema, options));
    expect(err.code).toBe(code);
    expect(err.message).toBe(message);
  });

  it('refuses too few rows', async () => {
    const { table, schema } = await tableOf('x\n1\n');
    expect(thrownDataError(() => holdoutSplit(table, schema)).message).toBe(
      '1 rows are too few to hold 0.2 of them out',
    );
  });
});

describe.runIf(bikeSharingAvailable())('splitBefore on bike-sharing', () => {
  it('trains on days before 2012-10-01 and holds out the rest', async () => {
    const table = await readCsv(createReadStream(BIKE_SHARING_CSV));
    const split = splitBefore(table, inferSchema(table), 'dteday', '2012-10-01');
    expect(split.train.length + split.holdout.length).toBe(17_379);
    // Counted with a plain CSV reader: rows with dteday >= 2012-10-01.
    expect(split.holdout.length).toBe(2_168);
  });
});
