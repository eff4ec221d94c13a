import { parseCell } from '../data/cell';
import { parseDateAs, type DateFormat } from './date-format';
import { epochToMs, parseDateTime } from './datetime';
import type { ColumnType, EpochUnit } from './types';

/** The typed form of one input field, as the schema and the feature pipeline know it. */
export interface FieldType {
  readonly type: ColumnType;
  readonly unit?: EpochUnit;
  /** A datetime field's non-ISO date form (ISO 8601 is read too). */
  readonly format?: DateFormat;
}

/** A coerced cell: a number (numeric, boolean 0/1, datetime epoch ms), a label, or null = missing. */
export type Coerced =
  | { readonly ok: true; readonly value: number | string | null }
  | { readonly ok: false; readonly reason: 'wrong_type' | 'not_finite'; readonly expected: string };

const EXPECTED: Readonly<Record<ColumnType, string>> = {
  numeric: 'a number',
  categorical: 'a string or number',
  boolean: 'true or false',
  datetime: 'an ISO 8601 date or date-time',
};

/** Boolean spelled as text: true/false in any case. */
export function booleanText(text: string): number | null {
  const lower = text.toLowerCase();
  return lower === 'true' ? 1 : lower === 'false' ? 0 : null;
}

/**
 * Turns one raw value (a file cell or a JSON request field) into the field's typed value. The one
 * rule for training and serving: strings go through the same cell parser as CSV text.
 */
export function coerceCell(field: FieldType, raw: unknown): Coerced {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  if (typeof raw === 'string') {
    const cell = parseCell(raw);
    return typeof cell === 'string'
      ? fromText(field, cell)
      : cell === null
        ? ok(null)
        : fromNumber(field, cell);
  }
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { ok: false, reason: 'not_finite', expected: EXPECTED[field.type] };
    return fromNumber(field, raw);
  }
  if (typeof raw === 'boolean') {
    if (field.type === 'boolean') return ok(raw ? 1 : 0);
    if (field.type === 'categorical') return ok(raw ? 'true' : 'false');
    return wrong(field);
  }
  if (typeof raw === 'bigint') return fromNumber(field, Number(raw));
  if (raw instanceof Date && field.type === 'datetime')
    return ok(Number.isFinite(raw.getTime()) ? raw.getTime() : null);
  return wrong(field);
}

/**
 * coerceCell's value without the result object, or undefined where coerceCell is not ok: the
 * serving encoder reads thousands of cells per request. Plain numbers and ISO date-times, the
 * common cases, skip the text cell parser (a date-time is never a number nor a missing token).
 */
export function coerceValue(field: FieldType, raw: unknown): number | string | null | undefined {
  if (typeof raw === 'number' && field.type === 'numeric') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === 'string' && field.type === 'datetime') {
    const ms = field.format === undefined ? parseDateTime(raw) : parseDateAs(raw, field.format);
    if (ms !== null) return ms;
  }
  const c = coerceCell(field, raw);
  return c.ok ? c.value : undefined;
}

function fromNumber(field: FieldType, n: number): Coerced {
  switch (field.type) {
    case 'numeric':
      return ok(n);
    case 'categorical':
      return ok(String(n));
    case 'boolean':
      return n === 0 || n === 1 ? ok(n) : wrong(field);
    case 'datetime':
      return field.unit === undefined ? wrong(field) : ok(epochToMs(n, field.unit));
  }
}

function fromText(field: FieldType, text: string): Coerced {
  switch (field.type) {
    case 'numeric':
      return wrong(field);
    case 'categorical':
      return ok(text);
    case 'boolean': {
      const b = booleanText(text);
      return b === null ? wrong(field) : ok(b);
    }
    case 'datetime': {
      const ms = field.format === undefined ? parseDateTime(text) : parseDateAs(text, field.format);
      return ms === null ? wrong(field) : ok(ms);
    }
  }
}

function ok(value: number | string | null): Coerced {
  return { ok: true, value };
}

function wrong(field: FieldType): Coerced {
  const expected =
    field.type === 'datetime' && field.format !== undefined
      ? `a date in ${field.format} form or ISO 8601`
      : EXPECTED[field.type];
  return { ok: false, reason: 'wrong_type', expected };
}

/**
 * Reads one raw target value (a feedback `actual`, a retrain row's label) as training reads the
 * target column: a number for regression (numeric text included), a class label for classifiers
 * (numbers and booleans as their text); null when missing, undefined when unreadable.
 */
export function readTarget(regression: boolean, raw: unknown): number | string | null | undefined {
  if (raw === null || raw === undefined) return null;
  const cell = typeof raw === 'string' ? parseCell(raw) : raw;
  if (cell === null) return null;
  if (regression) return typeof cell === 'number' && Number.isFinite(cell) ? cell : undefined;
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : undefined;
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return typeof cell === 'string' ? cell : undefined;
}
