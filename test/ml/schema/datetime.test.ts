import { describe, expect, it } from 'vitest';
import { datePart, epochUnitFor, isTimeName, parseDateTime } from '../../../src/ml/schema/datetime';

describe('parseDateTime', () => {
  it.each([
    ['2011-01-01', Date.UTC(2011, 0, 1)],
    ['2011-01-01 13:45:10', Date.UTC(2011, 0, 1, 13, 45, 10)],
    ['2011-01-01 13:45', Date.UTC(2011, 0, 1, 13, 45)],
    ['2011-01-01T13:45:10Z', Date.UTC(2011, 0, 1, 13, 45, 10)],
    ['2011-01-01T13:45:10.250Z', Date.UTC(2011, 0, 1, 13, 45, 10, 250)],
    ['2011-01-01T13:45:10+02:00', Date.UTC(2011, 0, 1, 11, 45, 10)],
    ['2011-01-01T13:45:10-0130', Date.UTC(2011, 0, 1, 15, 15, 10)],
    ['2012-02-29', Date.UTC(2012, 1, 29)],
  ])('%s', (text, ms) => {
    expect(parseDateTime(text)).toBe(ms);
  });

  it.each([
    '2011-02-29',
    '2011-13-01',
    '2011-01-32',
    '2011-01-01 24:00',
    '01/02/2011',
    '2011-1-1',
    'abc',
    '20110101',
  ])('refuses %s', (text) => {
    expect(parseDateTime(text)).toBeNull();
  });
});

describe('datePart', () => {
  it('splits 2011-01-01 18:30 UTC (a Saturday)', () => {
    const ms = Date.UTC(2011, 0, 1, 18, 30);
    expect(['hour', 'weekday', 'month', 'dayofyear', 'weekend'].map((p) => datePart(ms, p as never))).toEqual(
      [18, 6, 1, 1, 1],
    );
  });

  it('counts the day of year through a leap day and gives NaN for missing', () => {
    expect(datePart(Date.UTC(2012, 11, 31), 'dayofyear')).toBe(366);
    expect(datePart(Date.UTC(2012, 2, 1), 'dayofyear')).toBe(61);
    expect(datePart(Date.UTC(2012, 2, 5), 'weekend')).toBe(0);
    expect(datePart(NaN, 'hour')).toBeNaN();
  });
});

describe('epoch units and time names', () => {
  it.each([
    [1_300_000_000, 1_400_000_000, 's'],
    [1_300_000_000_000, 1_400_000_000_000, 'ms'],
    [0, 1_400_000_000, null],
    [1_300_000_000, 1_400_000_000_000, null],
  ])('[%d, %d] → %s', (min, max, unit) => {
    expect(epochUnitFor(min, max)).toBe(unit);
  });

  it.each([
    ['created_at', true],
    ['event_time', true],
    ['timestamp', true],
    ['date', true],
    ['ts', true],
    ['hour', false],
    ['dteday', false],
    ['category', false],
    ['updates', false],
  ])('%s → %s', (name, expected) => {
    expect(isTimeName(name)).toBe(expected);
  });
});
