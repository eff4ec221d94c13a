import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/ml/data/read-csv';
import { coerceCell, coerceValue } from '../../../src/ml/schema/coerce';
import { parseDateAs, type DateFormat } from '../../../src/ml/schema/date-format';
import { detectDateFormat } from '../../../src/ml/schema/detect-date-format';
import { inferSchema } from '../../../src/ml/schema/infer-schema';
import { thrownDataError } from '../data/helpers';

const utc = (y: number, m: number, d: number, h = 0, mi = 0, s = 0): number =>
  Date.UTC(y, m - 1, d, h, mi, s);

describe('parseDateAs', () => {
  it.each<[string, DateFormat, number | null]>([
    ['03/12/2026', 'DD/MM/YYYY', utc(2026, 12, 3)],
    ['3/12/2026', 'DD/MM/YYYY', utc(2026, 12, 3)],
    ['03/12/2026', 'MM/DD/YYYY', utc(2026, 3, 12)],
    ['12-03-2026', 'DD-MM-YYYY', utc(2026, 3, 12)],
    ['2026/12/03', 'YYYY/MM/DD', utc(2026, 12, 3)],
    ['03.12.2026', 'DD.MM.YYYY', utc(2026, 12, 3)],
    ['03.12.2026 17:05', 'DD.MM.YYYY', utc(2026, 12, 3, 17, 5)],
    ['03/12/2026 17:05:09', 'DD/MM/YYYY', utc(2026, 12, 3, 17, 5, 9)],
    ['12/3/2026 5:30 PM', 'MM/DD/YYYY', utc(2026, 12, 3, 17, 30)],
    ['12/3/2026 12:10 am', 'MM/DD/YYYY', utc(2026, 12, 3, 0, 10)],
    ['12/3/2026 12:10 PM', 'MM/DD/YYYY', utc(2026, 12, 3, 12, 10)],
    ['2026-12-03T08:00:00Z', 'DD/MM/YYYY', utc(2026, 12, 3, 8)], // ISO is read in any form
    ['31/02/2026', 'DD/MM/YYYY', null], // no such day
    ['13/13/2026', 'DD/MM/YYYY', null],
    ['03/12/2026 25:00', 'DD/MM/YYYY', null],
    ['03/12/2026 13:00 PM', 'DD/MM/YYYY', null],
    ['03/12/26', 'DD/MM/YYYY', null], // two-digit years are not read
    ['03-12-2026', 'DD/MM/YYYY', null], // another separator
    ['soon', 'DD/MM/YYYY', null],
  ])('%s as %s → %s', (text, format, expected) => {
    expect(parseDateAs(text, format)).toBe(expected);
  });
});

describe('detectDateFormat', () => {
  const ones = (n: number): number[] => Array<number>(n).fill(1);

  it.each<[string[], DateFormat]>([
    [['03/12/2026', '25/12/2026', '01/01/2027'], 'DD/MM/YYYY'], // a day above 12 first
    [['12/03/2026', '12/25/2026'], 'MM/DD/YYYY'], // a day above 12 second
    [['2026/12/03', '2026/1/5'], 'YYYY/MM/DD'],
    [['03.12.2026 10:00', '14.12.2026 11:30'], 'DD.MM.YYYY'],
    [['01/01/2026', '02/02/2026'], 'DD/MM/YYYY'], // both orders read the same dates: no matter
  ])('%j → %s', (texts, format) => {
    expect(detectDateFormat('d', texts, ones(texts.length))?.format).toBe(format);
  });

  it('finds nothing in text that is not a date', () => {
    expect(detectDateFormat('d', ['red', 'blue', '2026'], ones(3))).toBeUndefined();
  });

  it('refuses dates that read both ways, saying how to set the form', () => {
    const err = thrownDataError(() => detectDateFormat('day', ['03/12/2026', '04/11/2026'], ones(2)));
    expect(err.code).toBe('ambiguous_date');
    expect(err.message).toBe(
      'Column "day" holds dates such as "03/12/2026" that read both day-first (DD/MM/YYYY) and month-first (MM/DD/YYYY), and no day above 12 tells which: set the form in the model spec, e.g. "format": {"dateFormats": {"day": "DD/MM/YYYY"}}',
    );
    expect(err.details).toMatchObject({ column: 'day', formats: ['DD/MM/YYYY', 'MM/DD/YYYY'] });
  });
});

describe('inferSchema with non-ISO dates', () => {
  const schemaOf = async (csv: string, dateFormats?: Record<string, DateFormat>) =>
    inferSchema(await readCsv(Buffer.from(csv)), dateFormats ? { dateFormats } : {});

  it('reads a day-first column that is not the time column, recording its form', async () => {
    const s = await schemaOf('when,y\n03/12/2026,1\n25/12/2026,2\n,3\n');
    expect(s.columns[0]).toMatchObject({
      type: 'datetime',
      format: 'DD/MM/YYYY',
      min: '2026-12-03T00:00:00.000Z',
      max: '2026-12-25T00:00:00.000Z',
      missing: 1,
    });
  });

  it('refuses an ambiguous column unless the spec sets the form', async () => {
    const csv = 'when,y\n03/12/2026,1\n04/11/2026,2\n';
    await expect(schemaOf(csv)).rejects.toMatchObject({ code: 'ambiguous_date' });
    const s = await schemaOf(csv, { when: 'MM/DD/YYYY' });
    expect(s.columns[0]).toMatchObject({
      type: 'datetime',
      format: 'MM/DD/YYYY',
      min: '2026-03-12T00:00:00.000Z',
    });
  });

  it('names the first cell that is not in the detected form', async () => {
    await expect(schemaOf('when,y\n03/12/2026,1\n25/12/2026,2\n12/25/2026,3\n')).rejects.toMatchObject({
      code: 'bad_type',
      message:
        'Column "when" should hold a date in DD/MM/YYYY form: data row 3 (1-based, header not counted) has "12/25/2026"',
    });
  });

  it('keeps ISO columns as they were, with no form', async () => {
    const s = await schemaOf('when,y\n2026-12-03,1\n2026-12-25,2\n');
    expect(s.columns[0]?.type).toBe('datetime');
    expect(s.columns[0]?.format).toBeUndefined();
  });
});

describe('coerceCell and coerceValue with a date form', () => {
  const field = { type: 'datetime' as const, format: 'DD/MM/YYYY' as const };

  it('reads the same form as training, and ISO', () => {
    expect(coerceCell(field, '03/12/2026 10:30')).toEqual({ ok: true, value: utc(2026, 12, 3, 10, 30) });
    expect(coerceValue(field, '03/12/2026')).toBe(utc(2026, 12, 3));
    expect(coerceValue(field, '2026-12-03')).toBe(utc(2026, 12, 3));
    expect(coerceValue({ type: 'datetime' }, '03/12/2026')).toBeUndefined();
  });

  it('says which form it expects', () => {
    expect(coerceCell(field, '12/25/2026')).toEqual({
      ok: false,
      reason: 'wrong_type',
      expected: 'a date in DD/MM/YYYY form or ISO 8601',
    });
  });
});
