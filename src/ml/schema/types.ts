import type { DateFormat } from './date-format';

/** How a column is used: numbers, labels, true/false or points in time. */
export type ColumnType = 'numeric' | 'categorical' | 'boolean' | 'datetime';

/** Epoch unit of a datetime column that holds numbers. */
export type EpochUnit = 's' | 'ms';

/** A value and how often it occurs. */
export interface ValueCount {
  readonly value: string;
  readonly count: number;
}

/** One column's inferred type and its data report (plain JSON). */
export interface ColumnSchema {
  readonly name: string;
  readonly type: ColumnType;
  /** Set when a datetime column holds epoch numbers. */
  readonly unit?: EpochUnit;
  /** Set when a datetime column holds dates in a non-ISO form (ISO texts are read too). */
  readonly format?: DateFormat;
  readonly missing: number;
  /** missing / rowCount, in [0, 1]. */
  readonly missingRate: number;
  /** Distinct non-missing values (for numbers, at most 50,000: see distinctCapped). */
  readonly distinct: number;
  /** Set when a numeric column has at least `distinct` distinct values, maybe more. */
  readonly distinctCapped?: true;
  /** Numbers for numeric columns, ISO 8601 strings for datetime columns. */
  readonly min?: number | string;
  readonly max?: number | string;
  readonly mean?: number;
  /** Categorical and boolean columns: the most frequent values (at most 10). */
  readonly top?: readonly ValueCount[];
}

/** The schema of a table: row count and columns in file order (plain JSON). */
export interface TableSchema {
  readonly rowCount: number;
  readonly columns: readonly ColumnSchema[];
}

/** What the caller knows better than inference: forced types and time columns. */
export interface InferOptions {
  /** Force a type per column name (e.g. zip codes as 'categorical'). */
  readonly types?: Readonly<Record<string, ColumnType>>;
  /** Columns that are time: numbers in them are read as epoch seconds or milliseconds. */
  readonly timeColumns?: readonly string[];
  /** The date form of a column, where inference must not guess (it forces 'datetime'). */
  readonly dateFormats?: Readonly<Record<string, DateFormat>>;
  /** The target column: text among its numbers is left out by training, not a type error. */
  readonly target?: string;
}
