import type { RowResult } from '../score-rows';
import type { RecordChunk } from './record-chunk';

/** The columns a scoring output adds after the input's: `prediction`, one per class, `error`. */
export function outputColumns(classes: readonly string[] | undefined): string[] {
  return ['prediction', ...(classes ?? []).map(probabilityColumn), 'error'];
}

/** The probability column of a class. */
export function probabilityColumn(label: string): string {
  return `probability_${label}`;
}

/** The added values of one row, keyed by outputColumns (null where empty). */
export function addedValues(
  result: RowResult,
  classes: readonly string[] | undefined,
): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = {};
  const scored = 'prediction' in result;
  out.prediction = scored ? result.prediction : null;
  (classes ?? []).forEach((label, k) => {
    out[probabilityColumn(label)] = scored ? (result.probabilities?.[k] ?? null) : null;
  });
  out.error = scored ? null : result.error;
  return out;
}

/**
 * Writes scored chunks in the input's format, as bytes to append to the output blob: the input
 * columns as read, then the added columns. `end` returns what is left (a footer, a whole file).
 */
export interface PredictionsWriter {
  readonly contentType: string;
  write(chunk: RecordChunk, results: readonly RowResult[]): Uint8Array | undefined;
  end(): Uint8Array | undefined;
}
