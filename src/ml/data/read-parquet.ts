import { parquetMetadata, parquetRead } from 'hyparquet';
import { DataError } from '../errors';
import { DEFAULT_LIMITS, type DataTable, type ReadLimits } from './table';
import { TableBuilder } from './table-builder';
import { byteChunks, type DataInput } from './text-source';

interface Chunk {
  readonly rowStart: number;
  readonly values: ArrayLike<unknown>;
}

/**
 * Reads a Parquet file with hyparquet into a columnar table. Parquet needs its footer first, so a
 * stream is collected into memory (up to maxBytes). Timestamps become epoch milliseconds marked
 * as datetime; INT64 becomes a number. Limits default DEFAULT_LIMITS.
 */
export async function readParquet(
  input: DataInput,
  options: { limits?: ReadLimits } = {},
): Promise<DataTable> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const bytes = await collect(input, limits);
  if (bytes.length === 0) throw new DataError('empty', 'The file is empty: no header and no rows');
  const magic = (at: number): boolean => bytes.toString('latin1', at, at + 4) === 'PAR1';
  if (bytes.length < 12 || !magic(0) || !magic(bytes.length - 4)) {
    throw new DataError(
      'corrupt',
      `Not a complete Parquet file: the "PAR1" marker is missing at the ${bytes.length >= 4 && magic(0) ? 'end (the file is truncated)' : 'start'}`,
      { offset: bytes.length >= 4 && magic(0) ? bytes.length : 0 },
    );
  }
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const chunks = new Map<string, Chunk[]>();
  let rowCount: number;
  let names: string[];
  try {
    const metadata = parquetMetadata(file);
    rowCount = Number(metadata.num_rows);
    names = metadata.schema.slice(1).map((s) => s.name);
    if (rowCount > limits.maxRows) {
      throw new DataError(
        'too_large',
        `The file has ${rowCount} rows, over the limit of ${limits.maxRows} (limit maxRows=${limits.maxRows})`,
        { limit: limits.maxRows },
      );
    }
    await parquetRead({
      file,
      metadata,
      onChunk: (c) => {
        const list = chunks.get(c.columnName) ?? [];
        list.push({ rowStart: c.rowStart, values: c.columnData as ArrayLike<unknown> });
        chunks.set(c.columnName, list);
      },
    });
  } catch (err) {
    if (err instanceof DataError) throw err;
    throw new DataError('corrupt', `The Parquet file cannot be read: ${(err as Error).message}`);
  }
  const table = new TableBuilder('parquet', limits);
  const builders = names.map((name) => table.addColumn(name));
  for (let r = 0; r < rowCount; r++) table.beginRow();
  builders.forEach((builder) => {
    const list = (chunks.get(builder.name) ?? []).sort((a, b) => a.rowStart - b.rowStart);
    for (const chunk of list) {
      builder.padTo(chunk.rowStart);
      const end = Math.min(chunk.values.length, rowCount - chunk.rowStart);
      for (let i = 0; i < end; i++) builder.pushValue(chunk.values[i]);
    }
  });
  return table.finish();
}

async function collect(input: DataInput, limits: ReadLimits): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of byteChunks(input, limits)) {
    total += chunk.length;
    if (total > limits.maxBytes) {
      throw new DataError(
        'too_large',
        `The file is larger than ${limits.maxBytes} bytes (limit maxBytes=${limits.maxBytes})`,
        { limit: limits.maxBytes },
      );
    }
    parts.push(chunk);
  }
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}
