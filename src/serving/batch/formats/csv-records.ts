import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { DataError } from '../../../ml/errors';
import { checkedChunks, type DataInput } from '../../../ml/data/text-source';
import type { ReadLimits } from '../../../ml/data';
import type { InputRow, RecordChunk } from './record-chunk';

/**
 * CSV rows in chunks, streaming: the first record is the header, cells stay text (predict's
 * reading rule types them: "0.34" is a number, "NA" missing). The bytes are checked as training
 * checks them (binary, bad UTF-8, size); a row with another field count than the header is a row
 * problem, not the file's.
 */
export async function* csvRecordChunks(
  input: DataInput,
  limits: ReadLimits,
  chunkRows: number,
): AsyncGenerator<RecordChunk> {
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true });
  const feeding = pipeline(Readable.from(checkedChunks(input, limits)), parser);
  let failure: unknown;
  feeding.catch((err: unknown) => (failure = err));
  let columns: string[] | undefined;
  let rows: InputRow[] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!columns) {
        if (record.every((name) => name.trim() === '')) continue;
        columns = record.map((name, i) => (name.trim() === '' ? `column_${i + 1}` : name.trim()));
        continue;
      }
      const values: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i++) values[columns[i]!] = record[i];
      rows.push(
        record.length === columns.length
          ? { values }
          : { values, problem: `The row has ${record.length} fields but the header has ${columns.length}` },
      );
      if (rows.length >= chunkRows) {
        yield { columns, rows };
        rows = [];
      }
    }
  } catch (err) {
    throw failure ?? fileError(err);
  }
  await feeding.catch(() => undefined);
  if (failure !== undefined) throw failure;
  if (!columns) throw new DataError('empty', 'The file is empty: no header and no rows');
  if (rows.length > 0) yield { columns, rows };
}

function fileError(err: unknown): unknown {
  if (err instanceof DataError) return err;
  return new DataError('corrupt', `The CSV cannot be read: ${(err as Error).message}`);
}
