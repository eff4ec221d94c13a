import { DataError } from '../errors';
import { DATE_FORMATS, parseDateAs, swappedOrder, type DateFormat } from './date-format';

/** The form a text column's dates are read in, and each distinct text's epoch ms (null: not a date). */
export interface DetectedDates {
  readonly format: DateFormat;
  readonly ms: readonly (number | null)[];
  /** Rows (by count) whose text reads as a date in that form. */
  readonly rows: number;
}

// Candidate forms are picked from the first distinct texts: a column of dates shows its form at once.
const SAMPLE = 100;

/**
 * The non-ISO date form most of a column's texts read in (`counts[i]` rows hold `texts[i]`), or
 * undefined when none reads any (day-first wins a tie). When day-first and month-first both read every text and give
 * some of them different dates (no day above 12 tells them apart), the column is refused with an
 * 'ambiguous_date' error saying how to set the form in the spec.
 */
export function detectDateFormat(
  column: string,
  texts: readonly string[],
  counts: ArrayLike<number>,
): DetectedDates | undefined {
  const sample = texts.slice(0, SAMPLE);
  const candidates = DATE_FORMATS.filter((f) => sample.some((t) => !isIso(t) && parseDateAs(t, f) !== null));
  let best: DetectedDates | undefined;
  let tie: DetectedDates | undefined;
  for (const format of candidates) {
    const ms = texts.map((t) => parseDateAs(t, format));
    let rows = 0;
    for (let i = 0; i < ms.length; i++) if (ms[i] !== null) rows += counts[i];
    const found = { format, ms, rows };
    if (best === undefined || rows > best.rows) {
      best = found;
      tie = undefined;
    } else if (rows === best.rows && swappedOrder(best.format) === format) tie = found;
  }
  let total = 0;
  for (let i = 0; i < texts.length; i++) total += counts[i];
  // Both orders reading every text differently is ambiguous; a tie short of that is bad data,
  // reported by the caller as the first text the day-first form cannot read.
  if (best !== undefined && tie !== undefined && best.rows === total && differ(best.ms, tie.ms)) {
    throw ambiguous(column, texts[best.ms.findIndex((v, i) => v !== tie.ms[i])], best.format, tie.format);
  }
  return best;
}

function isIso(text: string): boolean {
  return text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45;
}

function differ(a: readonly (number | null)[], b: readonly (number | null)[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return true;
  return false;
}

function ambiguous(column: string, example: string, a: DateFormat, b: DateFormat): DataError {
  const [dayFirst, monthFirst] = a.startsWith('DD') ? [a, b] : [b, a];
  return new DataError(
    'ambiguous_date',
    `Column "${column}" holds dates such as ${JSON.stringify(example)} that read both day-first (${dayFirst}) and month-first (${monthFirst}), and no day above 12 tells which: set the form in the model spec, e.g. "format": {"dateFormats": {${JSON.stringify(column)}: "${dayFirst}"}}`,
    { column, value: example, formats: [dayFirst, monthFirst] },
  );
}
