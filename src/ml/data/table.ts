/**
 * The in-memory, columnar form every reader produces. A column keeps what the file said, before
 * schema inference decides its type: numbers in a Float64Array, text dictionary-encoded in an
 * Int32Array, and a missing mask. A cell is exactly one of missing, number or text.
 */
export interface DataColumn {
  readonly name: string;
  /** Number per row; NaN where the cell is missing or text. Null when no cell was a number. */
  readonly numbers: Float64Array | null;
  /** Dictionary code per row; -1 where the cell is missing or a number. Null when no cell was text. */
  readonly codes: Int32Array | null;
  /** Distinct texts in first-seen order; codes index into it. */
  readonly dictionary: readonly string[];
  /** 1 where the cell is missing. */
  readonly missing: Uint8Array;
  readonly missingCount: number;
  /** Cells of ±Infinity (JSON or Parquet numbers) read as missing, counted among missingCount. */
  readonly infiniteCount?: number;
  readonly numberCount: number;
  readonly textCount: number;
  /** 0-based row of the first number / first text cell, -1 when there is none. */
  readonly firstNumberRow: number;
  readonly firstTextRow: number;
  /** Set when the file itself typed the column as timestamps (Parquet): numbers are epoch ms. */
  readonly sourceType?: 'datetime';
}

export type DataFormat = 'csv' | 'jsonl' | 'parquet';

export interface DataTable {
  readonly format: DataFormat;
  readonly rowCount: number;
  readonly columns: readonly DataColumn[];
}

/** Size limits a reader enforces while it reads, before memory is spent. */
export interface ReadLimits {
  readonly maxRows: number;
  readonly maxBytes: number;
  /** Default DEFAULT_MAX_COLUMNS: past it a file is refused as it is read. */
  readonly maxColumns?: number;
}

/** The column limit when none is given (MAX_DATASET_COLUMNS's default). */
export const DEFAULT_MAX_COLUMNS = 1000;

/** Defaults: 5,000,000 rows and 512 MiB, the sizes a Function instance can hold. */
export const DEFAULT_LIMITS: ReadLimits = { maxRows: 5_000_000, maxBytes: 512 * 1024 * 1024 };

/** Looks a column up by name, or undefined. */
export function findColumn(table: DataTable, name: string): DataColumn | undefined {
  return table.columns.find((c) => c.name === name);
}

/** The cell as the file gave it: number, text, or null when missing. */
export function cellAt(column: DataColumn, row: number): number | string | null {
  if (column.missing[row] === 1) return null;
  const code = column.codes === null ? -1 : column.codes[row];
  if (code >= 0) return column.dictionary[code];
  return column.numbers === null ? null : column.numbers[row];
}

/** Row numbers in messages are 1-based data rows: the header line is not counted. */
export function rowLabel(row0: number): string {
  return `data row ${row0 + 1} (1-based, header not counted)`;
}
