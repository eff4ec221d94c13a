/** One input row of a scoring file: its values, or why it could not be read as a row. */
export interface InputRow {
  /** Column name to value: text for CSV, JSON values for JSON Lines, typed values for Parquet. */
  readonly values: Record<string, unknown>;
  /** Set when the row itself is malformed (a CSV row with another field count, a line not JSON). */
  readonly problem?: string;
}

/** A run of consecutive rows and the columns known so far (a CSV header, a Parquet schema). */
export interface RecordChunk {
  readonly columns: readonly string[];
  readonly rows: readonly InputRow[];
}

/** Rows per chunk: about 1 ms of ONNX scoring for a 100-tree model, a few MB of rows in memory. */
export const CHUNK_ROWS = 2000;
