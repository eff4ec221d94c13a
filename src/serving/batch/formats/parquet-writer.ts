import type { FileMetaData, SchemaElement } from 'hyparquet';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { DataError } from '../../../ml/errors';
import type { RowResult } from '../score-rows';
import { addedValues, outputColumns, type PredictionsWriter } from './predictions-writer';
import type { RecordChunk } from './record-chunk';

type WriterSchema = ConstructorParameters<typeof ParquetWriter>[0]['schema'];

/**
 * Parquet output: the input's schema (flat files only) with the added columns after it, one row
 * group per chunk. Parquet's footer indexes the whole file, so the file is built in memory (about
 * the input's size) and returned by `end`.
 */
export function parquetPredictionsWriter(
  input: FileMetaData,
  classes: readonly string[] | undefined,
  numericPrediction: boolean,
): PredictionsWriter {
  const [root, ...leaves] = input.schema;
  if (!root || leaves.some((e) => (e.num_children ?? 0) > 0)) {
    throw new DataError('bad_spec', 'Nested Parquet columns cannot be scored: use a flat schema');
  }
  const added = outputColumns(classes);
  const text = (name: string): SchemaElement => ({
    name,
    type: 'BYTE_ARRAY',
    converted_type: 'UTF8',
    repetition_type: 'OPTIONAL',
  });
  const double = (name: string): SchemaElement => ({ name, type: 'DOUBLE', repetition_type: 'OPTIONAL' });
  const extra: SchemaElement[] = [
    numericPrediction ? double('prediction') : text('prediction'),
    ...added.slice(1, -1).map(double),
    text('error'),
  ];
  // Input columns become optional: an unreadable row keeps its values, and nothing else changes.
  const schema: SchemaElement[] = [
    { ...root, num_children: leaves.length + extra.length },
    ...leaves.map((e) => ({
      ...e,
      repetition_type: e.repetition_type === 'REPEATED' ? e.repetition_type : ('OPTIONAL' as const),
    })),
    ...extra,
  ];
  const bytes = new ByteWriter();
  // hyparquet-writer pins its own hyparquet: the same schema shape, typed by another copy.
  const writer = new ParquetWriter({ writer: bytes, schema: schema as WriterSchema });
  return {
    contentType: 'application/vnd.apache.parquet',
    write(chunk: RecordChunk, results: readonly RowResult[]) {
      const values = chunk.rows.map((row, i) => ({ ...row.values, ...addedValues(results[i]!, classes) }));
      const names = [...leaves.map((e) => e.name), ...added];
      void writer.write({
        columnData: names.map((name) => ({ name, data: values.map((v) => v[name] ?? null) })),
        rowGroupSize: values.length,
      });
      return undefined;
    },
    end() {
      void writer.finish();
      return bytes.getBytes();
    },
  };
}
