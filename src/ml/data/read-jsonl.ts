import { DataError } from '../errors';
import { DEFAULT_LIMITS, type DataTable, type ReadLimits } from './table';
import { TableBuilder } from './table-builder';
import { textLines, type DataInput } from './text-source';

/**
 * Reads JSON Lines (one object per line) into a columnar table, streaming. Columns are the union
 * of the keys in first-seen order; a key absent from a row is missing there. Blank lines are
 * skipped; errors name the line (1-based, counting blank lines). Limits default DEFAULT_LIMITS.
 */
export async function readJsonl(input: DataInput, options: { limits?: ReadLimits } = {}): Promise<DataTable> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const table = new TableBuilder('jsonl', limits);
  let line = 0;
  const onLine = (text: string): void => {
    line++;
    const trimmed = text.trim();
    if (trimmed.length === 0) return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (err) {
      throw new DataError(
        'corrupt',
        `Line ${line} is not valid JSON (${(err as Error).message}); the file may be truncated`,
        {
          line,
          row: table.rowCount + 1,
        },
      );
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new DataError('corrupt', `Line ${line} is not a JSON object; each line must hold one record`, {
        line,
        row: table.rowCount + 1,
      });
    }
    table.beginRow();
    for (const [key, cell] of Object.entries(value)) {
      const column = table.column(key) ?? table.addColumn(key, table.rowCount - 1);
      column.padTo(table.rowCount - 1);
      column.pushValue(cell);
    }
  };
  for await (const lines of textLines(input, limits)) for (const text of lines) onLine(text);
  return table.finish();
}
