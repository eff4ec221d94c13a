import type { ColumnSchema, TableSchema } from './types';

/** Something about a column worth telling the user, e.g. that it carries no information. */
export interface ColumnWarning {
  readonly column: string;
  readonly code: 'constant' | 'all_missing' | 'mostly_missing';
  readonly message: string;
}

/** The schema with the warnings a reader of the data report needs (mostly-missing at >= 0.5). */
export interface DataReport extends TableSchema {
  readonly warnings: readonly ColumnWarning[];
}

/** Warns about all-missing, constant and mostly-missing (>= 50%) columns. */
export function dataReport(schema: TableSchema): DataReport {
  return { ...schema, warnings: schema.columns.flatMap((c) => columnWarnings(c)) };
}

/** The warnings for one column: all-missing and constant columns carry nothing a model can use. */
export function columnWarnings(col: ColumnSchema): ColumnWarning[] {
  if (col.distinct === 0) {
    return [
      { column: col.name, code: 'all_missing', message: `Column "${col.name}" has no values (all missing)` },
    ];
  }
  if (col.distinct === 1) {
    const value = col.top?.[0]?.value ?? col.min;
    return [
      {
        column: col.name,
        code: 'constant',
        message: `Column "${col.name}" has a single value (${String(value)}) in every non-missing row`,
      },
    ];
  }
  if (col.missingRate >= 0.5) {
    const pct = (col.missingRate * 100).toFixed(1);
    return [{ column: col.name, code: 'mostly_missing', message: `Column "${col.name}" is ${pct}% missing` }];
  }
  return [];
}
