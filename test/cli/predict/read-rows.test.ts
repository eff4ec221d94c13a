import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { castRecords } from '../../../src/cli/predict/model-inputs';
import { readRows } from '../../../src/cli/predict/read-rows';

const dir = mkdtempSync(path.join(tmpdir(), 'mlops-rows-'));
const file = (name: string, text: string): string => {
  writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};
const model = {
  version: 1,
  inputs: [
    { name: 'day', type: 'datetime' },
    { name: 'temp', type: 'numeric' },
  ],
  ignored: [],
};

describe('readRows delimiters', () => {
  it('reads a semicolon file, its decimal commas typed as numbers for a numeric input', () => {
    const rows = readRows(file('eu.csv', 'day;temp\n03/12/2026;3,5\n04/12/2026;7\n'));
    expect(rows).toMatchObject({ columns: ['day', 'temp'], decimalComma: true });
    expect(castRecords(rows.records, model, rows.decimalComma)).toEqual([
      { day: '03/12/2026', temp: 3.5 },
      { day: '04/12/2026', temp: 7 },
    ]);
  });

  it('reads tab and comma files, where a comma is never a decimal point', () => {
    expect(readRows(file('t.csv', 'day\ttemp\nx\t1\n')).columns).toEqual(['day', 'temp']);
    const rows = readRows(file('c.csv', 'day,temp\nx,"3,5"\n'));
    expect(rows.decimalComma).toBeUndefined();
    expect(castRecords(rows.records, model, rows.decimalComma)).toEqual([{ day: 'x', temp: '3,5' }]);
  });
});
