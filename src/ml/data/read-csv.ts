import { parse, type Parser } from 'csv-parse';
import { DataError } from '../errors';
import type { ColumnBuilder } from './column-builder';
import { detectDelimiter, type CsvDelimiter } from './detect-delimiter';
import { DEFAULT_LIMITS, rowLabel, type DataTable, type ReadLimits } from './table';
import { TableBuilder } from './table-builder';
import { checkedChunks, type DataInput } from './text-source';

/** Options for the CSV reader; `delimiter` defaults to the one detected from the first lines. */
export interface CsvOptions {
  readonly limits?: ReadLimits;
  readonly delimiter?: CsvDelimiter;
}

// Detection looks at the first bytes only: the header and the first records.
const SAMPLE_BYTES = 64 * 1024;

/**
 * Reads CSV into a columnar table, streaming: the first record is the header; BOM, CRLF, quoted
 * fields (a stray quote inside an unquoted field is kept as text) and blank lines are handled by
 * csv-parse; NA/N/A/empty cells are missing. The delimiter (`,` `;` tab `|`) is detected from
 * the first lines unless given; with `;`, decimal commas (`3,5`) are numbers. A row with another
 * field count than the header is 'corrupt', naming the row (limits default DEFAULT_LIMITS).
 */
export async function readCsv(input: DataInput, options: CsvOptions = {}): Promise<DataTable> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const table = new TableBuilder('csv', limits);
  const chunks = checkedChunks(input, limits);
  let first: IteratorResult<Buffer>;
  try {
    first = await chunks.next();
  } catch (err) {
    await chunks.return(undefined);
    throw err;
  }
  const delimiter =
    options.delimiter ??
    (first.done === true ? ',' : detectDelimiter(first.value.toString('utf8', 0, SAMPLE_BYTES)));
  const decimalComma = delimiter === ';';
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
    delimiter,
  });
  let columns: ColumnBuilder[] | null = null;
  let failure: unknown = null;

  const onRecord = (record: string[]): void => {
    if (columns === null) {
      // A lone "\r" or whitespace line is not a header: such a file is empty.
      if (record.every((name) => name.trim() === '')) return;
      columns = record.map((name, i) =>
        table.addColumn(name.trim() === '' ? `column_${i + 1}` : name.trim()),
      );
      return;
    }
    if (record.length !== columns.length) {
      throw new DataError(
        'corrupt',
        `${capitalise(rowLabel(table.rowCount))} has ${record.length} fields but the header has ${columns.length}; the file may be truncated or malformed`,
        { row: table.rowCount + 1 },
      );
    }
    table.beginRow();
    if (decimalComma) for (let i = 0; i < record.length; i++) columns[i].pushTextDecimalComma(record[i]);
    else for (let i = 0; i < record.length; i++) columns[i].pushText(record[i]);
  };
  parser.on('readable', () => {
    try {
      let record: string[] | null;
      while (failure === null && (record = parser.read() as string[] | null) !== null) onRecord(record);
    } catch (err) {
      failure = err;
      parser.destroy();
    }
  });
  parser.on('error', (err) => {
    failure ??= parseError(err);
  });
  const ended = new Promise<void>((resolve) => parser.once('end', resolve).once('close', resolve));
  try {
    if (first.done !== true && !parser.write(first.value)) await drained(parser);
    if (failure !== null) throw failure;
    for await (const chunk of chunks) {
      if (!parser.write(chunk)) await drained(parser);
      if (failure !== null) throw failure;
    }
    parser.end();
    await ended;
  } catch (err) {
    // A failing source stream keeps its own error: it is not the file's fault and may be retried.
    parser.destroy();
    await chunks.return(undefined);
    throw err;
  }
  if (failure !== null) throw failure;
  return table.finish();
}

/** Waits for room in the parser, or for it to stop (closed after an error). */
async function drained(parser: Parser): Promise<void> {
  await new Promise<void>((resolve) => {
    const done = (): void => {
      parser.off('drain', done).off('close', done);
      resolve();
    };
    parser.once('drain', done).once('close', done);
  });
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** csv-parse's own errors (an unclosed quote at the end of a cut file...) become 'corrupt'. */
function parseError(err: unknown): unknown {
  if (err instanceof DataError) return err;
  const e = err as { message?: unknown; lines?: unknown };
  const line = typeof e?.lines === 'number' ? e.lines : undefined;
  return new DataError(
    'corrupt',
    `The CSV is malformed: ${String(e?.message)}`,
    line === undefined ? {} : { line },
  );
}
