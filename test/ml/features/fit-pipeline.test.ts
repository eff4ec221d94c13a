import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/ml/data/read-csv';
import type { DataTable } from '../../../src/ml/data/table';
import { fitPipeline } from '../../../src/ml/features/fit-pipeline';
import { buildTrainingSet, transformTable } from '../../../src/ml/features/transform-table';
import type { PipelineOptions } from '../../../src/ml/features/types';
import { thrownDataError } from '../data/helpers';

const table = (text: string): Promise<DataTable> => readCsv(Buffer.from(text));
const cols = (m: { columns: readonly Float32Array[] }): number[][] => m.columns.map((c) => Array.from(c));

const CSV = [
  'y,x,city,flag,when,const,empty',
  '10,1,Oslo,true,2011-01-01 10:00:00,5,',
  '20,,Rome,false,2011-01-03 11:00:00,5,',
  '30,3,Oslo,true,,5,',
  '40,4,Paris,false,2011-01-08 23:00:00,5,',
].join('\n');

describe('fitPipeline for trees', () => {
  it('encodes numbers, categories, booleans and date parts; drops constant and all-missing columns', async () => {
    const t = await table(CSV);
    const p = fitPipeline(t, { target: 'y', task: 'regression', forModel: 'trees' });
    expect(p.featureNames).toEqual([
      'x',
      'city',
      'flag',
      'when_hour',
      'when_weekday',
      'when_dayofyear',
      'when_weekend',
    ]);
    expect(p.inputs).toEqual([
      { name: 'x', type: 'numeric' },
      { name: 'city', type: 'categorical' },
      { name: 'flag', type: 'boolean' },
      { name: 'when', type: 'datetime' },
    ]);
    expect(p.steps[1]).toEqual({
      kind: 'ordinal',
      input: 'city',
      output: 'city',
      vocabulary: ['Oslo', 'Paris', 'Rome'],
    });
    expect(p.dropped.map((d) => [d.column, d.reason])).toEqual([
      ['const', 'constant'],
      ['empty', 'all_missing'],
    ]);
    expect(p.warnings).toEqual([
      'Column "const" has a single value (5) in every non-missing row: left out',
      'Column "empty" has no values (all missing): left out',
    ]);
    const X = transformTable(p, t);
    expect(X.nRows).toBe(4);
    // 2011-01-01 is a Saturday, 2011-01-08 too; month is constant (January) so it is left out.
    expect(cols(X)).toEqual([
      [1, NaN, 3, 4],
      [0, 2, 0, 1],
      [1, 0, 1, 0],
      [10, 11, NaN, 23],
      [6, 1, NaN, 6],
      [1, 3, NaN, 8],
      [1, 0, NaN, 1],
    ]);
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  it('caps the vocabulary by frequency and sends the rest to the unknown bucket', async () => {
    const t = await table('y,c\n1,a\n2,b\n3,b\n4,c\n5,c\n6,c\n7,d\n');
    const p = fitPipeline(t, { target: 'y', task: 'regression', forModel: 'trees', maxCategories: 3 });
    expect(p.steps[0]).toMatchObject({ vocabulary: ['c', 'b'] });
    expect(cols(transformTable(p, t))).toEqual([[2, 1, 1, 0, 0, 0, 2]]);
  });

  it('fits on the given rows only and leaves rows without a target out of the training set', async () => {
    const t = await table('y,c\n1,a\n2,b\nNA,c\n4,d\n');
    const p = fitPipeline(t, {
      target: 'y',
      task: 'regression',
      forModel: 'trees',
      rows: Int32Array.of(0, 1, 2),
    });
    expect(p.steps[0]).toMatchObject({ vocabulary: ['a', 'b'] });
    expect(p.warnings).toEqual(['1 rows without a value for target "y" were left out']);
    const set = buildTrainingSet(p, t);
    expect(Array.from(set.y)).toEqual([1, 2, 4]);
    expect(Array.from(set.rows)).toEqual([0, 1, 3]);
    expect(cols(set.X)).toEqual([[0, 1, 2]]);
  });

  it('honours features and exclude', async () => {
    const t = await table(CSV);
    const chosen = fitPipeline(t, {
      target: 'y',
      task: 'regression',
      forModel: 'trees',
      features: ['x', 'flag'],
    });
    expect(chosen.featureNames).toEqual(['x', 'flag']);
    const excluded = fitPipeline(t, {
      target: 'y',
      task: 'regression',
      forModel: 'trees',
      exclude: ['when', 'city'],
    });
    expect(excluded.featureNames).toEqual(['x', 'flag']);
  });
});

describe('fitPipeline for linear models', () => {
  it('imputes training means and one-hot encodes categories with an unknown column', async () => {
    const t = await table(CSV);
    const p = fitPipeline(t, { target: 'y', task: 'regression', forModel: 'linear' });
    expect(p.featureNames).toEqual([
      'x',
      'city=Oslo',
      'city=Paris',
      'city=Rome',
      'city=__unknown__',
      'flag',
      'when_hour',
      'when_weekday',
      'when_dayofyear',
      'when_weekend',
    ]);
    const X = cols(transformTable(p, t));
    expect(X[0]).toEqual([1, 8 / 3, 3, 4].map(Math.fround));
    expect(X.slice(1, 5)).toEqual([
      [1, 0, 1, 0],
      [0, 0, 0, 1],
      [0, 1, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(X[6]).toEqual([10, 11, Math.fround(44 / 3), 23]);
    expect(X[8]).toEqual([1, 3, 4, 8]);
    expect(X[9]).toEqual([1, 0, Math.fround(2 / 3), 1]);
  });
});

describe('fitPipeline bad input', () => {
  it.each<[string, string, Partial<PipelineOptions>, string, string, Record<string, unknown>]>([
    [
      'target missing',
      'a,b\n1,2\n3,4\n',
      { target: 'cnt' },
      'missing_column',
      'Target column "cnt" is not in the data (columns: a, b)',
      { column: 'cnt' },
    ],
    [
      'target mostly text for regression',
      'y,x\n1,1\nsome,2\nlots,3\n',
      {},
      'bad_target',
      'Target "y" must be numeric for regression: data row 2 (1-based, header not counted) has "some"',
      { column: 'y', row: 2 },
    ],
    [
      'single class',
      'y,x\na,1\na,2\n',
      { task: 'binary' },
      'single_class',
      'Target "y" has a single class ("a"); classification needs at least two',
      { column: 'y' },
    ],
    [
      'three classes for a binary task',
      'y,x\na,1\nb,2\nc,3\n',
      { task: 'binary' },
      'bad_target',
      'Target "y" has 3 classes (a, b, c) but a binary task allows at most 2; use the multiclass task',
      { column: 'y', limit: 2 },
    ],
    [
      'only constant features',
      'y,x,z\n1,5,a\n2,5,a\n',
      {},
      'constant_column',
      'No usable feature column: "x" (constant), "z" (constant)',
      { column: 'x' },
    ],
    [
      'only all-missing features',
      'y,x\n1,\n2,NA\n',
      {},
      'all_missing',
      'No usable feature column: "x" (all missing)',
      { column: 'x' },
    ],
    ['no feature at all', 'y\n1\n2\n', {}, 'bad_spec', 'No feature columns are left besides the target', {}],
    [
      'unknown feature',
      'y,x\n1,2\n',
      { features: ['x', 'nope'] },
      'missing_column',
      'Feature column "nope" is not in the data',
      { column: 'nope' },
    ],
    [
      'mixed types in a feature',
      'y,x\n1,2\n2,3\n3,n/a?\n',
      {},
      'bad_type',
      'Column "x" mixes numbers and text: data row 3 (1-based, header not counted) has "n/a?" where most values are numbers',
      { column: 'x', row: 3 },
    ],
  ])('%s → %s', async (_name, text, options, code, message, details) => {
    const t = await table(text);
    const err = thrownDataError(() =>
      fitPipeline(t, { target: 'y', task: 'regression', forModel: 'trees', ...options }),
    );
    expect(err.code).toBe(code);
    expect(err.message).toBe(message);
    expect(err.details).toMatchObject(details);
  });
});
