import type { EpochUnit } from './types';

// YYYY-MM-DD, optionally with a time (T or space) and, after a time, Z or an offset.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Epoch milliseconds of an ISO 8601 date or date-time, or `YYYY-MM-DD HH:mm[:ss]`; null when the
 * text is not one or names an impossible date. Times without a zone are read as UTC, so date
 * parts (hour, weekday...) come out as written in the file.
 */
export function parseDateTime(text: string): number | null {
  const m = DATE_TIME.exec(text);
  if (m === null) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  return utc - zoneOffsetMs(m[8]);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const digits = zone.replace(':', '');
  const sign = digits[0] === '-' ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
}

/** Epoch unit that fits every value in [min, max]: seconds 1e8..1e11 (1973..5138), ms 1e11..1e14. */
export function epochUnitFor(min: number, max: number): EpochUnit | null {
  if (min >= 1e8 && max < 1e11) return 's';
  if (min >= 1e11 && max < 1e14) return 'ms';
  return null;
}

/** Milliseconds for an epoch number in the given unit. */
export function epochToMs(value: number, unit: EpochUnit): number {
  return unit === 's' ? value * 1000 : value;
}

/** Whether a column name says it holds time (created_at, event_time, timestamp, date...). */
export function isTimeName(name: string): boolean {
  return /(^|[^a-z])(time|timestamp|datetime|date|ts|epoch)([^a-z]|$)|[a-z]_at$/i.test(name);
}

/** The date parts a datetime column becomes, in this order. */
export const DATE_PARTS = ['hour', 'weekday', 'month', 'dayofyear', 'weekend'] as const;
export type DatePart = (typeof DATE_PARTS)[number];

/** One date part of an epoch-ms time, in UTC: weekday 0 = Sunday, month 1-12, day of year 1-366. */
export function datePart(ms: number, part: DatePart): number {
  if (!Number.isFinite(ms)) return NaN;
  const d = new Date(ms);
  switch (part) {
    case 'hour':
      return d.getUTCHours();
    case 'weekday':
      return d.getUTCDay();
    case 'month':
      return d.getUTCMonth() + 1;
    case 'dayofyear':
      return Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
    case 'weekend':
      return d.getUTCDay() === 0 || d.getUTCDay() === 6 ? 1 : 0;
  }
}
