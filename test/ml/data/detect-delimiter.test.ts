import { describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../../src/ml/data/detect-delimiter';
import { readCsv } from '../../../src/ml/data/read-csv';
import { cellAt } from '../../../src/ml/data/table';

describe('detectDelimiter', () => {
  it.each([
    ['a,b,c\n1,2,3\n', ','],
    ['a;b;c\n1,5;2;3\n4;5,25;6\n', ';'], // decimal commas do not count: the header has none
    ['a\tb\n1\t2\n', '\t'],
    ['a|b|c\r\n1|2|3\r\n', '|'],
    ['"x;y",b\n"1;2",3\n', ','], // quoted delimiters are skipped
    ['name,note\nann,"a; b; c"\nbob,"d; e"\n', ','],
    ['a;b\n1;2\n3;4,5,6,7', ';'], // a cut last line is ignored
    ['single\n1\n2\n', ','],
    ['', ','],
  ])('%j → %j', (sample, expected) => {
    expect(detectDelimiter(sample)).toBe(expected);
  });
});

describe('readCsv delimiters and decimal commas', () => {
  it('reads a semicolon file with decimal commas as numbers', async () => {
    const t = await readCsv(Buffer.from('day;temp;city\n03/12/2026;3,5;Lyon\n04/12/2026;-0,25;Nantes\n'));
    expect(t.columns.map((c) => c.name)).toEqual(['day', 'temp', 'city']);
    expect([cellAt(t.columns[1]!, 0), cellAt(t.columns[1]!, 1)]).toEqual([3.5, -0.25]);
    expect(cellAt(t.columns[2]!, 1)).toBe('Nantes');
  });

  it('keeps a comma in a comma file as the delimiter, and text with a comma as text', async () => {
    const t = await readCsv(Buffer.from('a,b\n"3,5",1\n'));
    expect(cellAt(t.columns[0]!, 0)).toBe('3,5');
  });

  it('uses the delimiter it is given over detection', async () => {
    const t = await readCsv(Buffer.from('a;b|c\n1;2|3\n'), { delimiter: '|' });
    expect(t.columns.map((c) => c.name)).toEqual(['a;b', 'c']);
  });

  it('reads tab and pipe files', async () => {
    const tab = await readCsv(Buffer.from('a\tb\n1\t2\n'));
    const pipe = await readCsv(Buffer.from('a|b\n1|2\n'));
    expect([tab.columns.length, pipe.columns.length, cellAt(pipe.columns[1]!, 0)]).toEqual([2, 2, 2]);
  });
});
