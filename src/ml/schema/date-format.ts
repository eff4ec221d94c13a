import { daysFromCivil, daysInMonth } from './civil-date';
import { parseDateTime } from './datetime';

/**
 * The non-ISO date forms read: the order of day, month and year and their separator. Day and
 * month may have one or two digits, the year has four. A time may follow the date:
 * `HH:MM[:SS[.fff]]`, 24-hour or with AM/PM. Day-first comes before month-first.
 */
export const DATE_FORMATS = [
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'YYYY/MM/DD',
  'DD-MM-YYYY',
  'MM-DD-YYYY',
  'YYYY-MM-DD',
  'DD.MM.YYYY',
  'MM.DD.YYYY',
  'YYYY.MM.DD',
] as const;

/** One of DATE_FORMATS. */
export type DateFormat = (typeof DATE_FORMATS)[number];

/** The same form with day and month swapped (year-first forms have none). */
export function swappedOrder(format: DateFormat): DateFormat | undefined {
  if (format.startsWith('YYYY')) return undefined;
  return ((format.startsWith('DD') ? `MM${format[2]}DD` : `DD${format[2]}MM`) +
    format.slice(5)) as DateFormat;
}

/**
 * Epoch ms (UTC, as written) of a date or date-time in `format`, falling back to ISO 8601 for a
 * text not in that shape; null when it is neither or names an impossible date (31/02/2026).
 */
export function parseDateAs(text: string, format: DateFormat): number | null {
  const ms = scanFormatted(text, format);
  return ms === undefined ? parseDateTime(text) : ms;
}

// Scratch for the three date parts and their lengths, so a scan allocates nothing.
const part = [0, 0, 0];
const size = [0, 0, 0];

/** Reads `format`'s shape character by character: ms, null (impossible), undefined (not the shape). */
function scanFormatted(text: string, format: DateFormat): number | null | undefined {
  const sep = format.charCodeAt(format.startsWith('YYYY') ? 4 : 2);
  const n = text.length;
  let i = 0;
  for (let p = 0; p < 3; p++) {
    if (p > 0) {
      if (text.charCodeAt(i) !== sep) return undefined;
      i++;
    }
    const start = i;
    let v = 0;
    while (i < n && i - start < 4) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
      i++;
    }
    part[p] = v;
    size[p] = i - start;
  }
  const yearFirst = format.charCodeAt(0) === 89; // 'Y'
  const y = yearFirst ? 0 : 2;
  if (size[y] !== 4) return undefined;
  for (let p = 0; p < 3; p++) if (p !== y && (size[p] < 1 || size[p] > 2)) return undefined;
  const dayFirst = format.charCodeAt(0) === 68; // 'D'
  const year = part[y];
  const month = yearFirst ? part[1] : dayFirst ? part[1] : part[0];
  const day = yearFirst ? part[2] : dayFirst ? part[0] : part[1];
  const time = i === n ? 0 : scanTime(text, i);
  if (time === undefined) return undefined;
  if (time === null || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day) * 86_400_000 + time;
}

/** ms into the day of ` H:MM[:SS[.fff]][ AM|PM]` (or `T` before it) from `i`; null when out of range. */
function scanTime(text: string, from: number): number | null | undefined {
  const m = /^[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*([AaPp][Mm])?$/.exec(text.slice(from));
  if (m === null) return undefined;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = m[3] === undefined ? 0 : Number(m[3]);
  if (m[5] !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (m[5].toLowerCase() === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  const ms = m[4] === undefined ? 0 : Math.floor(Number(`0.${m[4]}`) * 1000);
  return hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}
