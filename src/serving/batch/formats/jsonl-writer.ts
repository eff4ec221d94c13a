import type { RowResult } from '../score-rows';
import { addedValues, type PredictionsWriter } from './predictions-writer';
import type { RecordChunk } from './record-chunk';

/** JSON Lines output: each input object with the added fields after its own, one line per row. */
export function jsonlPredictionsWriter(classes: readonly string[] | undefined): PredictionsWriter {
  return {
    contentType: 'application/x-ndjson',
    write(chunk: RecordChunk, results: readonly RowResult[]) {
      let text = '';
      chunk.rows.forEach((row, i) => {
        text += `${JSON.stringify({ ...row.values, ...addedValues(results[i]!, classes) })}\n`;
      });
      return Buffer.from(text, 'utf8');
    },
    end: () => undefined,
  };
}
