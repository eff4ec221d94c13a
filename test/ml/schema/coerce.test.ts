import { describe, expect, it } from 'vitest';
import { coerceCell, type FieldType } from '../../../src/ml/schema/coerce';

const numeric: FieldType = { type: 'numeric' };
const categorical: FieldType = { type: 'categorical' };
const boolean: FieldType = { type: 'boolean' };
const isoTime: FieldType = { type: 'datetime' };
const epochSeconds: FieldType = { type: 'datetime', unit: 's' };

describe('coerceCell', () => {
  it.each([
    [numeric, 3.5, 3.5],
    [numeric, ' 3.5 ', 3.5],
    [numeric, 'NA', null],
    [numeric, null, null],
    [numeric, undefined, null],
    [categorical, 7, '7'],
    [categorical, '007', '7'],
    [categorical, ' red ', 'red'],
    [categorical, true, 'true'],
    [boolean, true, 1],
    [boolean, 'FALSE', 0],
    [boolean, 1, 1],
    [isoTime, '2011-01-01 01:00:00', Date.UTC(2011, 0, 1, 1)],
    [epochSeconds, 1_300_000_000, 1_300_000_000_000],
    [epochSeconds, '2011-01-01', Date.UTC(2011, 0, 1)],
  ])('%o with %o → %o', (field, raw, value) => {
    expect(coerceCell(field, raw)).toEqual({ ok: true, value });
  });

  it.each([
    [numeric, 'abc', 'wrong_type', 'a number'],
    [numeric, true, 'wrong_type', 'a number'],
    [numeric, NaN, 'not_finite', 'a number'],
    [numeric, Infinity, 'not_finite', 'a number'],
    [numeric, { a: 1 }, 'wrong_type', 'a number'],
    [categorical, [1], 'wrong_type', 'a string or number'],
    [boolean, 'yes', 'wrong_type', 'true or false'],
    [boolean, 2, 'wrong_type', 'true or false'],
    [isoTime, 1_300_000_000, 'wrong_type', 'an ISO 8601 date or date-time'],
    [isoTime, 'yesterday', 'wrong_type', 'an ISO 8601 date or date-time'],
  ])('%o with %o → %s', (field, raw, reason, expected) => {
    expect(coerceCell(field, raw)).toEqual({ ok: false, reason, expected });
  });
});
