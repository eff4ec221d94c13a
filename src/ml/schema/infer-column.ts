import { rowLabel, type DataColumn } from '../data/table';
import { DataError } from '../errors';
import { booleanText } from './coerce';
import { epochUnitFor, parseDateTime } from './datetime';
import { booleanStats, labelStats, numberStats } from './column-stats';
import { parseDateAs, type DateFormat } from './date-format';
import { detectDateFormat } from './detect-date-format';
import type { ColumnSchema, ColumnType, EpochUnit } from './types';

/** What the caller says about one column: a forced type, that it holds time, its date form. */
export interface ColumnHints {
  readonly type?: ColumnType;
  readonly isTime: boolean;
  readonly dateFormat?: DateFormat;
  /** The target: a few text cells among its numbers are rows left out, not a mixed column. */
  readonly isTarget?: boolean;
}

/**
 * Infers one column's type and report. Mixed numbers and text are a 'bad_type' error naming the
 * first cell of the minority kind, unless the column is forced to 'categorical'.
 */
export function inferColumn(col: DataColumn, rowCount: number, hints: ColumnHints): ColumnSchema {
  const base = { name: col.name, missing: col.missingCount, missingRate: col.missingCount / rowCount };
  const forced = hints.type;
  if (col.numberCount === 0 && col.textCount === 0) {
    return { ...base, type: forced ?? (col.sourceType === 'datetime' ? 'datetime' : 'numeric'), distinct: 0 };
  }
  if (forced === 'categorical') return { ...base, type: 'categorical', ...labelStats(col) };
  if (col.numberCount > 0 && col.textCount > 0) {
    if (hints.isTarget === true && col.textCount < col.numberCount) {
      return { ...base, ...fromNumbers(col, forced, hints.isTime) };
    }
    throw mixed(col);
  }
  if (col.textCount === 0) return { ...base, ...fromNumbers(col, forced, hints.isTime) };
  return { ...base, ...fromText(col, forced, hints.dateFormat) };
}

type Typed = Omit<ColumnSchema, 'name' | 'missing' | 'missingRate'>;

function fromNumbers(col: DataColumn, forced: ColumnType | undefined, isTime: boolean): Typed {
  const stats = numberStats(col.numbers as Float64Array);
  if (forced === 'boolean') {
    const bad = firstRow(col, (row) => col.numbers?.[row] !== 0 && col.numbers?.[row] !== 1);
    if (bad >= 0) throw badCell(col, bad, `${col.numbers?.[bad]}`, 'true/false or 0/1');
    return { type: 'boolean', ...booleanStats(col) };
  }
  if (col.sourceType === 'datetime' || forced === 'datetime' || isTime) {
    const unit: EpochUnit | null = col.sourceType === 'datetime' ? 'ms' : epochUnitFor(stats.min, stats.max);
    if (unit !== null) return { ...dateStats(stats, unit), unit };
    if (forced === 'datetime') {
      const extreme = stats.min < 1e8 ? stats.min : stats.max;
      const row = firstRow(col, (r) => col.numbers?.[r] === extreme);
      throw badCell(col, row, String(extreme), 'epoch seconds or milliseconds');
    }
  }
  const capped = stats.distinctCapped ? { distinctCapped: true as const } : {};
  return {
    type: 'numeric',
    distinct: stats.distinct,
    ...capped,
    min: stats.min,
    max: stats.max,
    mean: stats.mean,
  };
}

function fromText(col: DataColumn, forced: ColumnType | undefined, format: DateFormat | undefined): Typed {
  const dict = col.dictionary;
  const counts = codeCounts(col);
  if (forced === 'numeric')
    throw badCell(col, col.firstTextRow, dict[codeAt(col, col.firstTextRow)], 'a number');
  const isBool = dict.map((t) => booleanText(t) !== null);
  if (forced === 'boolean' || (forced === undefined && isBool.every(Boolean))) {
    const bad = firstRow(col, (row) => !isBool[codeAt(col, row)]);
    if (bad >= 0) throw badCell(col, bad, dict[codeAt(col, bad)], 'true or false');
    return { type: 'boolean', ...booleanStats(col) };
  }
  const dates = textDates(col, counts, format);
  if (forced === 'datetime' || (forced === undefined && dates.rows * 2 > col.textCount)) {
    const bad = firstRow(col, (row) => dates.ms[codeAt(col, row)] === null);
    const expected =
      dates.format === undefined ? 'an ISO 8601 date or date-time' : `a date in ${dates.format} form`;
    if (bad >= 0) throw badCell(col, bad, dict[codeAt(col, bad)], expected);
    const values = Float64Array.from(dates.ms, (v) => v ?? NaN);
    const stats = dateStats(numberStats(values), 'ms');
    return dates.format === undefined ? stats : { ...stats, format: dates.format };
  }
  return { type: 'categorical', ...labelStats(col) };
}

/**
 * Each distinct text's epoch ms in the column's date form: `format` when given, else ISO 8601
 * when most rows are ISO, else the non-ISO form detected from the data (none: ISO).
 */
function textDates(
  col: DataColumn,
  counts: Int32Array,
  format: DateFormat | undefined,
): { format?: DateFormat; ms: readonly (number | null)[]; rows: number } {
  const dict = col.dictionary;
  const rowsOf = (ms: readonly (number | null)[]): number =>
    ms.reduce<number>((sum, v, code) => (v === null ? sum : sum + counts[code]), 0);
  if (format !== undefined) {
    const ms = dict.map((t) => parseDateAs(t, format));
    return { format, ms, rows: rowsOf(ms) };
  }
  const ms = dict.map(parseDateTime);
  const rows = rowsOf(ms);
  if (rows * 2 > col.textCount) return { ms, rows };
  return detectDateFormat(col.name, dict, counts) ?? { ms, rows };
}

function dateStats(
  stats: { distinct: number; distinctCapped: boolean; min: number; max: number },
  unit: EpochUnit,
): Typed {
  const f = unit === 's' ? 1000 : 1;
  return {
    type: 'datetime',
    distinct: stats.distinct,
    ...(stats.distinctCapped ? { distinctCapped: true as const } : {}),
    min: new Date(stats.min * f).toISOString(),
    max: new Date(stats.max * f).toISOString(),
  };
}

function codeAt(col: DataColumn, row: number): number {
  return col.codes === null ? -1 : col.codes[row];
}

function codeCounts(col: DataColumn): Int32Array {
  const counts = new Int32Array(col.dictionary.length);
  const codes = col.codes as Int32Array;
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) counts[codes[i]]++;
  return counts;
}

/** First non-missing row where `bad` holds, or -1. */
function firstRow(col: DataColumn, bad: (row: number) => boolean): number {
  for (let row = 0; row < col.missing.length; row++) if (col.missing[row] === 0 && bad(row)) return row;
  return -1;
}

function mixed(col: DataColumn): DataError {
  const textMinority = col.textCount <= col.numberCount;
  const row = textMinority ? col.firstTextRow : col.firstNumberRow;
  const value = textMinority ? JSON.stringify(col.dictionary[codeAt(col, row)]) : String(col.numbers?.[row]);
  return new DataError(
    'bad_type',
    `Column "${col.name}" mixes numbers and text: ${rowLabel(row)} has ${value} where most values are ${textMinority ? 'numbers' : 'text'}`,
    { column: col.name, row: row + 1, value },
  );
}

function badCell(col: DataColumn, row: number, value: string, expected: string): DataError {
  return new DataError(
    'bad_type',
    `Column "${col.name}" should hold ${expected}: ${rowLabel(row)} has ${JSON.stringify(value)}`,
    { column: col.name, row: row + 1, value },
  );
}
