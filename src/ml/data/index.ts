export { MISSING_TOKENS, parseCell, parseDecimalComma } from './cell';
export { CSV_DELIMITERS, detectDelimiter, type CsvDelimiter } from './detect-delimiter';
export { readCsv, type CsvOptions } from './read-csv';
export { readDataset, formatFromName } from './read-dataset';
export { readJsonl } from './read-jsonl';
export { readParquet } from './read-parquet';
export { DEFAULT_LIMITS, cellAt, findColumn, rowLabel } from './table';
export type { DataColumn, DataFormat, DataTable, ReadLimits } from './table';
export type { DataInput } from './text-source';
