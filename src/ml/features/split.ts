import { findColumn, type DataTable } from '../data/table';
import { DataError } from '../errors';
import { parseDateTime } from '../schema/datetime';
import type { TableSchema } from '../schema/types';
import { numericValues } from './column-values';

/** Row indices of a train / holdout split. */
export interface RowSplit {
  readonly train: Int32Array;
  readonly holdout: Int32Array;
}

/** Options of holdoutSplit: holdout fraction (default 0.2), a datetime column to split by time, a seed (default 42). */
export interface SplitOptions {
  readonly fraction?: number;
  readonly timeColumn?: string;
  readonly seed?: number;
}

/**
 * Splits rows for a holdout: by time when `timeColumn` is given (the latest `fraction` of rows,
 * rows without a time go to training), else a seeded shuffle, so the split is the same each run.
 */
export function holdoutSplit(table: DataTable, schema: TableSchema, options: SplitOptions = {}): RowSplit {
  const fraction = options.fraction ?? 0.2;
  if (!(fraction > 0 && fraction < 1)) {
    throw new DataError('bad_spec', `The holdout fraction must be between 0 and 1, got ${fraction}`);
  }
  const n = table.rowCount;
  const nHoldout = Math.max(1, Math.round(n * fraction));
  if (nHoldout >= n) throw new DataError('no_rows', `${n} rows are too few to hold ${fraction} of them out`);
  let order: number[];
  if (options.timeColumn !== undefined) {
    const time = timeValues(table, schema, options.timeColumn);
    const key = (r: number): number => (Number.isNaN(time[r]) ? -Infinity : time[r]);
    order = Array.from({ length: n }, (_, i) => i).sort((a, b) => key(a) - key(b) || a - b);
  } else {
    order = shuffled(n, options.seed ?? 42);
  }
  const sortRows = (rows: number[]): Int32Array => Int32Array.from(rows).sort();
  return { train: sortRows(order.slice(0, n - nHoldout)), holdout: sortRows(order.slice(n - nHoldout)) };
}

/** Rows whose time is before `cutoff` (an ISO date) train, the rest are held out; rows without a time train. */
export function splitBefore(
  table: DataTable,
  schema: TableSchema,
  timeColumn: string,
  cutoff: string,
): RowSplit {
  const at = parseDateTime(cutoff);
  if (at === null) throw new DataError('bad_spec', `The split date "${cutoff}" is not an ISO 8601 date`);
  const time = timeValues(table, schema, timeColumn);
  const train: number[] = [];
  const holdout: number[] = [];
  for (let r = 0; r < table.rowCount; r++) (time[r] >= at ? holdout : train).push(r);
  return { train: Int32Array.from(train), holdout: Int32Array.from(holdout) };
}

function timeValues(table: DataTable, schema: TableSchema, name: string): Float64Array {
  const col = findColumn(table, name);
  const colSchema = schema.columns.find((c) => c.name === name);
  if (col === undefined || colSchema === undefined) {
    throw new DataError('missing_column', `Time column "${name}" is not in the data`, { column: name });
  }
  if (colSchema.type !== 'datetime') {
    throw new DataError('bad_type', `Time column "${name}" is ${colSchema.type}, not a date or time`, {
      column: name,
    });
  }
  return numericValues(col, { name, type: 'datetime', ...(colSchema.unit ? { unit: colSchema.unit } : {}) });
}

// Fisher-Yates with a Park-Miller generator: small, seeded, the same on every platform.
function shuffled(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let s = (Math.abs(Math.floor(seed)) % 2147483646) + 1;
  for (let i = n - 1; i > 0; i--) {
    s = (s * 48271) % 2147483647;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
