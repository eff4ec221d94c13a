import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/ml/data/read-csv';
import { DEFAULT_LIMITS } from '../../../src/ml/data/table';
import { TableBuilder } from '../../../src/ml/data/table-builder';
import { fitPipeline } from '../../../src/ml/features/fit-pipeline';
import { leftOutOf } from '../../../src/ml/features/left-out';
import type { PipelineOptions } from '../../../src/ml/features/types';

async function leftOut(csv: string, options: Partial<PipelineOptions> = {}, trainRows?: number[]) {
  const table = await readCsv(Buffer.from(csv));
  const pipeline = fitPipeline(table, {
    target: 'y',
    task: 'regression',
    forModel: 'trees',
    ...(trainRows ? { rows: Int32Array.from(trainRows) } : {}),
    ...options,
  });
  return leftOutOf(table, pipeline);
}

describe('leftOutOf', () => {
  it('is empty when every row and value is used', async () => {
    expect(await leftOut('y,x\n1,1\n2,2\n3,3\n')).toEqual([]);
  });

  it('counts rows without a target', async () => {
    expect(await leftOut('y,x\n1,1\n,2\nNA,3\n4,4\n?,5\n')).toEqual([
      {
        reason: 'missing_target',
        scope: 'rows',
        column: 'y',
        count: 3,
        message: '3 rows without a value for target "y"',
      },
    ]);
  });

  it('counts rows whose regression target is not a number, with an example', async () => {
    expect(await leftOut('y,x\n1,1\nabc,2\n3,3\n4,4\n#VALUE!,5\n')).toEqual([
      {
        reason: 'unparseable_target',
        scope: 'rows',
        column: 'y',
        count: 2,
        example: 'abc',
        message: '2 rows whose target "y" is not a number (e.g. "abc")',
      },
    ]);
  });

  it('counts holdout rows of a class the training rows never have', async () => {
    const csv = 'y,x\na,1\nb,2\na,3\nb,4\nc,5\nc,6\n';
    expect(await leftOut(csv, { task: 'multiclass' }, [0, 1, 2, 3])).toEqual([
      {
        reason: 'unseen_class',
        scope: 'rows',
        column: 'y',
        count: 2,
        message: '2 holdout rows of a "y" class that no training row has',
      },
    ]);
  });

  it('counts categorical values read as unknown beyond the vocabulary', async () => {
    const csv = 'y,c\n1,a\n2,a\n3,b\n4,b\n5,c\n6,d\n';
    expect(await leftOut(csv, { maxCategories: 3 })).toEqual([
      {
        reason: 'rare_category',
        scope: 'values',
        column: 'c',
        count: 2,
        message:
          '2 values of "c" outside its 2 known categories (rare, or not in the training rows), read as unknown',
      },
    ]);
  });

  it('counts infinite input values read as missing, not NaN (a missing float in pandas files)', () => {
    const builder = new TableBuilder('parquet', DEFAULT_LIMITS);
    const [y, x] = [builder.addColumn('y'), builder.addColumn('x')];
    [1, 2, 3, 4, 5].forEach((v) => {
      builder.beginRow();
      y.pushValue(v);
    });
    [Infinity, -Infinity, NaN, 5, 6].forEach((v) => x.pushValue(v));
    const table = builder.finish();
    const pipeline = fitPipeline(table, { target: 'y', task: 'regression', forModel: 'trees' });
    expect(leftOutOf(table, pipeline)).toEqual([
      {
        reason: 'infinite_value',
        scope: 'values',
        column: 'x',
        count: 2,
        message: '2 infinite values of "x" read as missing',
      },
    ]);
  });
});
