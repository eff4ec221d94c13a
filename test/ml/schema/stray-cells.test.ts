// A few stray texts in a column of numbers are missing values, counted; more are left alone.
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../../src/ml/data/read-dataset';
import { inferSchema } from '../../../src/ml/schema';
import { readStrayCells } from '../../../src/ml/schema/stray-cells';

const jsonl = (rows: object[]): Buffer => Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n'));

describe('readStrayCells', () => {
  it('reads numeric text as numbers and blanks the rest, at most 1% of the filled cells', async () => {
    const rows: object[] = Array.from({ length: 300 }, (_, i) => ({ x: i, y: i % 3, label: `l${i % 4}` }));
    rows[10] = { x: '#VALUE!', y: 1, label: 'l0' };
    rows[20] = { x: '12.5', y: 1, label: 'l0' };
    rows[30] = { x: '#VALUE!', y: 1, label: 'l0' };
    rows[40] = { x: 'n/a', y: 1, label: 'l0' };
    const table = await readDataset(jsonl(rows), 'a.jsonl');
    const { table: read, strays } = readStrayCells(table, new Set(['y']));
    expect(strays).toEqual([{ column: 'x', count: 2, example: '#VALUE!' }]);
    const x = read.columns.find((c) => c.name === 'x')!;
    expect([x.textCount, x.missingCount, x.numbers![20], Number.isNaN(x.numbers![10])]).toEqual([
      0,
      3,
      12.5,
      true,
    ]);
    expect(x.missing[10]).toBe(1);
    expect(inferSchema(read).columns.find((c) => c.name === 'x')).toMatchObject({
      type: 'numeric',
      missing: 3,
    });
    // Text columns and kept columns are the same objects as before.
    expect(read.columns.find((c) => c.name === 'label')).toBe(table.columns.find((c) => c.name === 'label'));
  });

  it('leaves a column with more stray text than 1% as it was, and a column named in keep', async () => {
    const rows: object[] = Array.from({ length: 100 }, (_, i) => ({ x: i % 10 === 0 ? 'many' : i, t: i }));
    rows[5] = { x: 5, t: 'soon' };
    const table = await readDataset(jsonl(rows), 'a.jsonl');
    const { table: read, strays } = readStrayCells(table, new Set(['t']));
    expect(strays).toEqual([]);
    expect(read.columns).toEqual(table.columns);
  });
});
