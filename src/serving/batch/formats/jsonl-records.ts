import { textLines, type DataInput } from '../../../ml/data/text-source';
import type { ReadLimits } from '../../../ml/data';
import type { InputRow, RecordChunk } from './record-chunk';

/**
 * JSON Lines rows in chunks, streaming: one object per line, blank lines skipped. A line that is
 * not a JSON object is a row problem naming the line; the bytes are checked as training checks them.
 */
export async function* jsonlRecordChunks(
  input: DataInput,
  limits: ReadLimits,
  chunkRows: number,
): AsyncGenerator<RecordChunk> {
  const columns: string[] = [];
  const known = new Set<string>();
  let rows: InputRow[] = [];
  let line = 0;
  const onLine = (text: string): void => {
    line++;
    const trimmed = text.trim();
    if (trimmed.length === 0) return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      rows.push({ values: {}, problem: `Line ${line} is not valid JSON` });
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      rows.push({ values: {}, problem: `Line ${line} is not a JSON object` });
      return;
    }
    for (const key of Object.keys(value)) {
      if (!known.has(key)) {
        known.add(key);
        columns.push(key);
      }
    }
    rows.push({ values: value as Record<string, unknown> });
  };
  for await (const lines of textLines(input, limits)) {
    for (const text of lines) {
      onLine(text);
      if (rows.length >= chunkRows) {
        yield { columns: [...columns], rows };
        rows = [];
      }
    }
  }
  if (rows.length > 0) yield { columns: [...columns], rows };
}
