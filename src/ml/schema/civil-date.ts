// Proleptic Gregorian calendar arithmetic in UTC (H. Hinnant's days_from_civil / civil_from_days):
// the serving path turns thousands of timestamps per request into epoch ms and date parts, and
// plain integer arithmetic does it without a Date object or a regex per value.

/** Days since 1970-01-01 of a UTC calendar date (month 1-12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Whether a (proleptic Gregorian) year has 29 February. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/** A UTC date of epoch days, with the parts the features use (weekday 0 = Sunday). */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
  dayOfYear: number;
  weekday: number;
}

/** The UTC calendar date of a day count since 1970-01-01, written into `out` (reused). */
export function civilFromDays(days: number, out: CivilDate): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doyMarch = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doyMarch + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  out.year = year;
  out.month = month;
  out.day = doyMarch - Math.floor((153 * mp + 2) / 5) + 1;
  // Day of year from 1 January: March-based day + Jan and Feb (59, or 60 in a leap year).
  out.dayOfYear = month <= 2 ? doyMarch - 305 : doyMarch + (isLeapYear(year) ? 60 : 59) + 1;
  out.weekday = (((days + 4) % 7) + 7) % 7;
  return out;
}
