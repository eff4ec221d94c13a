import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil } from '../../../src/ml/schema/civil-date';
import {
  DATE_PARTS,
  datePart,
  datePartByDate,
  parseDateTime,
  parseDateTimeByRegex,
} from '../../../src/ml/schema/datetime';

// A small seeded generator so a failure names a reproducible case.
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

describe('parseDateTime fast scan agrees with the regex path', () => {
  const random = lcg(42);
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const texts: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    // Out-of-range fields on purpose (month 0/13, day 29-32, hour 24, minute 60): refused alike.
    const date = `${pad(int(0, 9999), 4)}-${pad(int(0, 13))}-${pad(int(i % 3 === 0 ? 27 : 0, 32))}`;
    const time = `${pad(int(0, 24))}:${pad(int(0, 60))}`;
    const seconds = `:${pad(int(0, 60))}`;
    const fraction = `.${String(int(0, 999_999_999)).slice(0, int(1, 10))}`;
    const zone = ['', 'Z', `+${pad(int(0, 14))}:${pad(int(0, 59))}`, `-${pad(int(0, 14))}${pad(int(0, 59))}`][
      int(0, 3)
    ]!;
    const shapes = [
      date,
      `${date} ${time}`,
      `${date}T${time}${zone}`,
      `${date} ${time}${seconds}`,
      `${date}T${time}${seconds}${zone}`,
      `${date}T${time}${seconds}${fraction}${zone}`,
    ];
    texts.push(shapes[i % shapes.length]!);
  }
  // Leap days, century rules, and near misses of the grammar.
  texts.push('2000-02-29', '1900-02-29', '2100-02-29', '2024-02-29 23:59:59', '2023-02-29', '1600-02-29');
  texts.push('0099-12-31', '0100-01-01', '1969-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999999999Z');
  texts.push('2011-01-01T13:45:10.Z', '2011-01-01T13:45:10.1234567890', '2011-01-01Z', '2011-01-01T13');
  texts.push('2011-01-01T13:45+0', '2011-01-01T13:45+01:0', '2011-01-01 13:45:1', '2011-01-01x13:45');
  texts.push('2011-01-01T13:45:10+01:00x', '2011-01-01 13:45 ', ' 2011-01-01', '２011-01-01');

  it(`on ${texts.length} texts`, () => {
    const differing = texts.filter((t) => !Object.is(parseDateTime(t), parseDateTimeByRegex(t)));
    expect(differing).toEqual([]);
    // The sample does exercise both answers.
    expect(texts.filter((t) => parseDateTime(t) === null).length).toBeGreaterThan(1000);
    expect(texts.filter((t) => parseDateTime(t) !== null).length).toBeGreaterThan(10_000);
  });
});

describe('datePart arithmetic agrees with Date', () => {
  it('on random times from year -300 to 9999, whole and fractional ms', () => {
    const random = lcg(7);
    const lo = Date.UTC(-300, 0, 1);
    const hi = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    const times = Array.from({ length: 20_000 }, (_, i) => {
      const t = lo + Math.floor(random() * (hi - lo));
      return i % 10 === 0 ? t + 0.5 : t;
    });
    times.push(0, -1, Date.UTC(2012, 1, 29, 23), Date.UTC(2000, 11, 31), Date.UTC(2100, 2, 1), NaN, 8.64e15);
    const differing = times.flatMap((ms) =>
      DATE_PARTS.filter((p) => !Object.is(datePart(ms, p), datePartByDate(ms, p))).map((p) => `${ms} ${p}`),
    );
    expect(differing).toEqual([]);
  });

  it('round-trips day counts through the calendar', () => {
    const out = { year: 0, month: 0, day: 0, dayOfYear: 0, weekday: 0 };
    for (const days of [-719_468, -1, 0, 1, 11_016, 10_957, 2_932_896]) {
      const c = civilFromDays(days, out);
      expect(daysFromCivil(c.year, c.month, c.day)).toBe(days);
    }
    expect(civilFromDays(daysFromCivil(2012, 12, 31), out)).toEqual({
      year: 2012,
      month: 12,
      day: 31,
      dayOfYear: 366,
      weekday: 1,
    });
  });
});
