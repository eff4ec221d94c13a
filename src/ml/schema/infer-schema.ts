import type { DataTable } from '../data/table';
import { DataError } from '../errors';
import { isTimeName } from './datetime';
import { inferColumn } from './infer-column';
import type { InferOptions, TableSchema } from './types';

/**
 * Infers every column's type (numeric, categorical, boolean, datetime) and its report: missing
 * rate, distinct count, min/max. Numbers are read as epoch times only in columns whose name says
 * time (created_at, event_time...) or that `timeColumns` lists. Text dates are read as ISO 8601 or in a non-ISO form detected from
 * the data (or set in `dateFormats`). Forced types win over inference.
 */
export function inferSchema(table: DataTable, options: InferOptions = {}): TableSchema {
  const names = new Set(table.columns.map((c) => c.name));
  const named = [
    ...Object.keys(options.types ?? {}),
    ...(options.timeColumns ?? []),
    ...Object.keys(options.dateFormats ?? {}),
  ];
  for (const name of named) {
    if (!names.has(name)) {
      throw new DataError('missing_column', `Column "${name}" named in the spec is not in the data`, {
        column: name,
      });
    }
  }
  const timeColumns = new Set(options.timeColumns ?? []);
  const columns = table.columns.map((col) => {
    const dateFormat = options.dateFormats?.[col.name];
    const isTime = timeColumns.has(col.name) || dateFormat !== undefined;
    const forced = options.types?.[col.name] ?? (isTime ? 'datetime' : undefined);
    return inferColumn(col, table.rowCount, {
      type: forced,
      isTime: isTime || isTimeName(col.name),
      ...(dateFormat === undefined ? {} : { dateFormat }),
      ...(col.name === options.target ? { isTarget: true } : {}),
    });
  });
  return { rowCount: table.rowCount, columns };
}
