import { DataError } from '../errors';
import type { CsvDelimiter } from './detect-delimiter';
import { readCsv } from './read-csv';
import { readJsonl } from './read-jsonl';
import { readParquet } from './read-parquet';
import type { DataFormat, DataTable, ReadLimits } from './table';
import type { DataInput } from './text-source';

const EXTENSIONS: Readonly<Record<string, DataFormat>> = {
  csv: 'csv',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  parquet: 'parquet',
};

/** The format a file name's extension stands for (csv, jsonl/ndjson, parquet); else 'bad_spec'. */
export function formatFromName(fileName: string): DataFormat {
  const dot = fileName.lastIndexOf('.');
  const ext = dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
  const format = EXTENSIONS[ext];
  if (format === undefined) {
    throw new DataError(
      'bad_spec',
      `Cannot tell the format of "${fileName}": use a .csv, .jsonl, .ndjson or .parquet file`,
      { file: fileName },
    );
  }
  return format;
}

/**
 * Reads a dataset in the format its name says (limits default DEFAULT_LIMITS; a CSV's delimiter
 * is detected unless given).
 */
export function readDataset(
  input: DataInput,
  fileName: string,
  limits?: ReadLimits,
  csv: { readonly delimiter?: CsvDelimiter } = {},
): Promise<DataTable> {
  const format = formatFromName(fileName);
  const options = limits === undefined ? {} : { limits };
  if (format === 'csv') return readCsv(input, { ...options, ...csv });
  if (format === 'jsonl') return readJsonl(input, options);
  return readParquet(input, options);
}
