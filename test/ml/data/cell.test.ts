import { describe, expect, it } from 'vitest';
import { parseCell } from '../../../src/ml/data';

describe('parseCell', () => {
  it.each(['', 'NA', 'N/A', 'n/a', 'NaN', 'nan', 'null', 'NULL', 'None', '#N/A', '?', '  ?  '])(
    'reads %j as missing',
    (text) => {
      expect(parseCell(text)).toBeNull();
    },
  );

  it.each([
    ['42', 42],
    [' -0.5 ', -0.5],
    ['1e3', 1000],
  ])('reads %j as the number %d', (text, value) => {
    expect(parseCell(text)).toBe(value);
  });

  it.each(['??', 'unknown', 'Infinity', '-', 'n.a.'])('keeps %j as text', (text) => {
    expect(parseCell(text)).toBe(text);
  });
});
