export { booleanText, coerceCell, type Coerced, type FieldType } from './coerce';
export { DATE_FORMATS, parseDateAs, type DateFormat } from './date-format';
export { detectDateFormat } from './detect-date-format';
export { columnWarnings, dataReport, type ColumnWarning, type DataReport } from './data-report';
export {
  DATE_PARTS,
  datePart,
  epochToMs,
  epochUnitFor,
  isTimeName,
  parseDateTime,
  type DatePart,
} from './datetime';
export { inferSchema } from './infer-schema';
export type { ColumnSchema, ColumnType, EpochUnit, InferOptions, TableSchema, ValueCount } from './types';
