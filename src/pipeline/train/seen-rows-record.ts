import { cellAt, findColumn, type DataTable } from '../../ml/data/table';
import { numericValues } from '../../ml/features/column-values';
import type { TableSchema } from '../../ml/schema';
import { latestRow, tableRowHashes } from '../../ml/split/seen-rows';
import type { FitResult } from './fit-dataset';
import type { ServedModel } from './refit-model';

/**
 * What a later candidate needs to leave out the rows this model trained on: the last training
 * time with a time column, else the training rows' hashes over the model's inputs and target.
 */
export function seenRows(
  table: DataTable,
  served: ServedModel,
  times: Float64Array | undefined,
  timeColumn: string | undefined,
): Pick<FitResult, 'trainedThrough' | 'trainingRows'> {
  if (times !== undefined && timeColumn !== undefined) {
    const row = latestRow(times, served.set.rows);
    if (row === undefined) return {};
    const label = String(cellAt(findColumn(table, timeColumn)!, row));
    return { trainedThrough: { column: timeColumn, last: times[row], label } };
  }
  const columns = [...served.pipeline.inputs.map((f) => f.name), served.pipeline.target.name].sort();
  return { trainingRows: { columns, hashes: tableRowHashes(table, columns, served.set.rows) } };
}

/** The time column's values as numbers, the way the time-ordered split orders rows. */
export function timeValues(table: DataTable, schema: TableSchema, timeColumn: string): Float64Array {
  const col = findColumn(table, timeColumn)!;
  const colSchema = schema.columns.find((c) => c.name === timeColumn)!;
  return numericValues(col, {
    name: col.name,
    type: colSchema.type,
    ...(colSchema.unit ? { unit: colSchema.unit } : {}),
    ...(colSchema.format ? { format: colSchema.format } : {}),
  });
}
