import type { RowResult } from '../score-rows';
import { addedValues, outputColumns, type PredictionsWriter } from './predictions-writer';
import type { RecordChunk } from './record-chunk';

/** CSV output: the input's header and cells as read, then the added columns; RFC 4180 quoting. */
export function csvPredictionsWriter(classes: readonly string[] | undefined): PredictionsWriter {
  const added = outputColumns(classes);
  let header: readonly string[] | undefined;
  return {
    contentType: 'text/csv',
    write(chunk: RecordChunk, results: readonly RowResult[]) {
      const lines: string[] = [];
      if (!header) {
        header = chunk.columns;
        lines.push([...header, ...added].map(csvField).join(','));
      }
      chunk.rows.forEach((row, i) => {
        const extra = addedValues(results[i]!, classes);
        const cells = header!.map((c) => csvField(row.values[c]));
        for (const c of added) cells.push(csvField(extra[c]));
        lines.push(cells.join(','));
      });
      return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    },
    end: () => undefined,
  };
}

/** One CSV field: empty for null, quoted when it holds a comma, quote, line break or edge space. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
