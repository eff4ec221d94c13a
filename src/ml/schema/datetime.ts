import { civilFromDays, daysFromCivil, daysInMonth, type CivilDate } from './civil-date';
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
  const fast = scanDateTime(text);
  return fast === undefined ? parseDateTimeByRegex(text) : fast;
}

/** parseDateTime through the regex and Date.UTC: the reference the fast scan must agree with. */
export function parseDateTimeByRegex(text: string): number | null {
  const m = DATE_TIME.exec(text);
  if (m === null) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : fractionMs(m[7]);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  return utc - zoneOffsetMs(m[8]);
}

const fractionMs = (digits: string): number => Math.floor(Number(`0.${digits}`) * 1000);

/** The digit at `i` (0-9), or -1. */
function digit(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Two digits at `i` as a number, or -1. */
function twoDigits(text: string, i: number): number {
  const a = digit(text, i);
  const b = digit(text, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/**
 * The same grammar as DATE_TIME read character by character, with the epoch computed by calendar
 * arithmetic: a number or null as parseDateTimeByRegex would answer, or undefined to leave the
 * text to it (not this shape, or a year before 100, which Date.UTC reads as 19xx).
 */
function scanDateTime(text: string): number | null | undefined {
  const n = text.length;
  if (n < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const hi = twoDigits(text, 0);
  const lo = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (hi < 0 || lo < 0 || month < 0 || day < 0) return undefined;
  const year = hi * 100 + lo;
  if (year < 100) return undefined;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let offset = 0;
  if (n > 10) {
    const sep = text.charCodeAt(10);
    if ((sep !== 84 && sep !== 32) || n < 16 || text.charCodeAt(13) !== 58) return undefined;
    hour = twoDigits(text, 11);
    minute = twoDigits(text, 14);
    if (hour < 0 || minute < 0) return undefined;
    let i = 16;
    if (i < n && text.charCodeAt(i) === 58) {
      second = twoDigits(text, 17);
      if (second < 0) return undefined;
      i = 19;
      if (i < n && text.charCodeAt(i) === 46) {
        let j = i + 1;
        while (j < n && digit(text, j) >= 0) j++;
        if (j === i + 1 || j - i - 1 > 9) return undefined;
        ms = fractionMs(text.slice(i + 1, j));
        i = j;
      }
    }
    if (i < n) {
      const z = text.charCodeAt(i);
      if (z === 90 && i + 1 === n) offset = 0;
      else if (z === 43 || z === 45) {
        const hh = twoDigits(text, i + 1);
        const at = text.charCodeAt(i + 3) === 58 ? i + 4 : i + 3;
        const mm = twoDigits(text, at);
        if (hh < 0 || mm < 0 || at + 2 !== n) return undefined;
        offset = (z === 45 ? -1 : 1) * (hh * 60 + mm) * 60_000;
      } else return undefined;
    }
  }
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > daysInMonth(year, month)) return null;
  const days = daysFromCivil(year, month, day);
  return days * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms - offset;
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

/** A UTC time's calendar date and hour. */
export interface UtcTime extends CivilDate {
  hour: number;
}

// Beyond it Date and the arithmetic may part ways (year 275760); before 1970, fractions of a ms.
const MAX_FAST_MS = 8.64e15;

/**
 * The UTC date and hour of an epoch-ms time written into `out` (reused between calls), or null
 * when datePartByDate must answer: not a whole number of ms from 1970 on.
 */
export function utcTime(ms: number, out: UtcTime): UtcTime | null {
  if (!(ms >= 0 && ms <= MAX_FAST_MS) || Math.floor(ms) !== ms) return null;
  const days = Math.floor(ms / 86_400_000);
  civilFromDays(days, out);
  out.hour = Math.floor((ms - days * 86_400_000) / 3_600_000);
  return out;
}

/** One date part of a UtcTime. */
export function partOf(t: UtcTime, part: DatePart): number {
  switch (part) {
    case 'hour':
      return t.hour;
    case 'weekday':
      return t.weekday;
    case 'month':
      return t.month;
    case 'dayofyear':
      return t.dayOfYear;
    case 'weekend':
      return t.weekday === 0 || t.weekday === 6 ? 1 : 0;
  }
}

/** A fresh UtcTime to reuse across utcTime calls. */
export function newUtcTime(): UtcTime {
  return { year: 0, month: 0, day: 0, dayOfYear: 0, weekday: 0, hour: 0 };
}

const scratch = newUtcTime();

/** One date part of an epoch-ms time, in UTC: weekday 0 = Sunday, month 1-12, day of year 1-366. */
export function datePart(ms: number, part: DatePart): number {
  const t = utcTime(ms, scratch);
  return t === null ? datePartByDate(ms, part) : partOf(t, part);
}

/** datePart through a Date object: the reference, and the answer outside utcTime's range. */
export function datePartByDate(ms: number, part: DatePart): number {
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
