import { Transform, type Readable } from 'node:stream';
import type { DataFormat, ReadLimits } from '../../ml/data';
import { csvRecordChunks } from './formats/csv-records';
import { jsonlRecordChunks } from './formats/jsonl-records';
import { parquetRecords } from './formats/parquet-records';
import type { RecordChunk } from './formats/record-chunk';
import type { FileMetaData } from 'hyparquet';

/** A scoring file opened: its rows in chunks, the bytes read so far, and Parquet's metadata. */
export interface OpenedFile {
  readonly chunks: AsyncGenerator<RecordChunk>;
  bytesRead(): number;
  readonly parquet?: FileMetaData;
}

/** Opens a stream of a CSV, JSON Lines or Parquet file as row chunks (chunkRows rows each). */
export async function openScoringFile(
  format: DataFormat,
  stream: Readable,
  limits: ReadLimits,
  chunkRows: number,
): Promise<OpenedFile> {
  let bytes = 0;
  const counted = stream.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    }),
  );
  stream.once('error', (err) => counted.destroy(err));
  const bytesRead = (): number => bytes;
  if (format === 'csv') return { chunks: csvRecordChunks(counted, limits, chunkRows), bytesRead };
  if (format === 'jsonl') return { chunks: jsonlRecordChunks(counted, limits, chunkRows), bytesRead };
  const parquet = await parquetRecords(counted, limits, chunkRows);
  return { chunks: parquet.chunks, bytesRead, parquet: parquet.metadata };
}
