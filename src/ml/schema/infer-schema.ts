import type { DataTable } from '../data/table';
import { DataError } from '../errors';
import { isTimeName } from './datetime';
import { inferColumn } from './infer-column';
import type { InferOptions, TableSchema } from './types';

/**
 * Infers every column's type (numeric, categorical, boolean, datetime) and its report: missing
 * rate, distinct count, min/max. Numbers are read as epoch times only in columns whose name says
 * time (created_at, event_time...) or that `timeColumns` lists. Forced types win over inference.
 */
export function inferSchema(table: DataTable, options: InferOptions = {}): TableSchema {
  const names = new Set(table.columns.map((c) => c.name));
  for (const name of [...Object.keys(options.types ?? {}), ...(options.timeColumns ?? [])]) {
    if (!names.has(name)) {
      throw new DataError('missing_column', `Column "${name}" named in the spec is not in the data`, {
        column: name,
      });
    }
  }
  const timeColumns = new Set(options.timeColumns ?? []);
  const columns = table.columns.map((col) => {
    const forced = options.types?.[col.name] ?? (timeColumns.has(col.name) ? 'datetime' : undefined);
    return inferColumn(col, table.rowCount, {
      type: forced,
      isTime: timeColumns.has(col.name) || isTimeName(col.name),
    });
  });
  return { rowCount: table.rowCount, columns };
}
