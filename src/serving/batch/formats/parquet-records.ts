import { parquetMetadata, parquetReadObjects, type FileMetaData } from 'hyparquet';
import { byteChunks, type DataInput } from '../../../ml/data/text-source';
import type { ReadLimits } from '../../../ml/data';
import { DataError } from '../../../ml/errors';
import type { RecordChunk } from './record-chunk';

/** A Parquet file read: its metadata (the output reuses the schema) and its rows in chunks. */
export interface ParquetRecords {
  readonly metadata: FileMetaData;
  readonly chunks: AsyncGenerator<RecordChunk>;
}

/**
 * Opens a Parquet file. Its footer comes last, so the file is held in memory (up to maxBytes);
 * the rows are then decoded a chunk at a time, never all at once.
 */
export async function parquetRecords(
  input: DataInput,
  limits: ReadLimits,
  chunkRows: number,
): Promise<ParquetRecords> {
  const parts: Buffer[] = [];
  for await (const chunk of byteChunks(input, limits)) parts.push(chunk);
  const bytes = Buffer.concat(parts);
  if (bytes.length > limits.maxBytes) {
    throw new DataError('too_large', `The file is larger than ${limits.maxBytes} bytes`, {
      limit: limits.maxBytes,
    });
  }
  const magic = (at: number): boolean => bytes.toString('latin1', at, at + 4) === 'PAR1';
  if (bytes.length < 12 || !magic(0) || !magic(bytes.length - 4)) {
    throw new DataError('corrupt', 'Not a Parquet file: the "PAR1" marker is missing at its start or end');
  }
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(file);
  } catch (err) {
    throw new DataError('corrupt', `The Parquet file cannot be read: ${(err as Error).message}`);
  }
  const columns = metadata.schema.slice(1).map((s) => s.name);
  // A row range inside a row group decodes the whole group's column chunks: read a group at a
  // time (memory bounded by the writer's row-group size), scored in chunks of chunkRows.
  async function* chunks(): AsyncGenerator<RecordChunk> {
    let groupStart = 0;
    for (const group of metadata.row_groups) {
      const groupEnd = groupStart + Number(group.num_rows);
      let rows: Record<string, unknown>[];
      try {
        rows = await parquetReadObjects({ file, metadata, rowStart: groupStart, rowEnd: groupEnd });
      } catch (err) {
        throw new DataError('corrupt', `The Parquet file cannot be read: ${(err as Error).message}`);
      }
      for (let i = 0; i < rows.length; i += chunkRows) {
        yield { columns, rows: rows.slice(i, i + chunkRows).map((values) => ({ values })) };
      }
      groupStart = groupEnd;
    }
  }
  return { metadata, chunks: chunks() };
}
