import { cellAt, type DataTable } from '../../ml/data/table';
import { DataError } from '../../ml/errors';

/** The holdout as validation reads it: raw rows (as the file gave them) and the engine's outputs. */
export interface Holdout {
  readonly records: Record<string, string | number | null>[];
  /** Row-major nRows x nOutputs: values (regression), P(class 1) (binary) or class probabilities. */
  readonly engine: Float64Array;
  readonly nOutputs: number;
  /** Each row's time (numeric value of the time column), when the spec has one. */
  readonly times?: Float64Array;
}

/**
 * holdout.jsonl: one line per holdout row, `{"row": {column: cell}, "engine": [output...], "time"?}`,
 * so validation scores exactly these rows, checks ONNX Runtime against the engine on them, and
 * can tell which are later than what production trained on.
 */
export function holdoutLines(
  table: DataTable,
  rows: Int32Array,
  engine: Float64Array,
  nOutputs: number,
  times?: Float64Array,
): string {
  const parts: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row: Record<string, string | number | null> = {};
    for (const col of table.columns) row[col.name] = cellAt(col, rows[i]);
    const out = Array.from(engine.subarray(i * nOutputs, (i + 1) * nOutputs));
    const time = times?.[rows[i]];
    parts.push(
      JSON.stringify(
        time === undefined || Number.isNaN(time) ? { row, engine: out } : { row, engine: out, time },
      ),
    );
  }
  return parts.join('\n') + '\n';
}

/** Parses holdout.jsonl; DataError 'corrupt' naming the line when it is not what holdoutLines wrote. */
export function parseHoldout(text: string): Holdout {
  const records: Record<string, string | number | null>[] = [];
  const engine: number[] = [];
  const times: number[] = [];
  let nOutputs = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(lines[i]);
    } catch {
      throw new DataError('corrupt', `holdout.jsonl line ${i + 1} is not JSON`);
    }
    const { row, engine: out, time } = (parsed ?? {}) as { row?: unknown; engine?: unknown; time?: unknown };
    const width = Array.isArray(out) ? out.length : 0;
    if (row === null || typeof row !== 'object' || width === 0 || (nOutputs !== 0 && width !== nOutputs)) {
      throw new DataError('corrupt', `holdout.jsonl line ${i + 1} lacks a row or the engine outputs`);
    }
    nOutputs = width;
    records.push(row as Record<string, string | number | null>);
    for (const v of out as unknown[]) engine.push(typeof v === 'number' ? v : NaN);
    times.push(typeof time === 'number' ? time : NaN);
  }
  const timed = times.some((t) => !Number.isNaN(t));
  return {
    records,
    engine: Float64Array.from(engine),
    nOutputs,
    ...(timed ? { times: Float64Array.from(times) } : {}),
  };
}
