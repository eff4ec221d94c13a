/** One thing wrong with one field of one request row (row is 0-based, as in the request). */
export interface RowProblem {
  readonly row: number;
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/**
 * Thrown by `score` when a row turns out not to be scorable after `validate` passed it (a value
 * of the wrong type found while encoding a chunk): every problem of the request, for a 400.
 */
export class InvalidRowsError extends Error {
  constructor(readonly problems: RowProblem[]) {
    super(`${problems.length} field problems in the request rows`);
    this.name = 'InvalidRowsError';
  }
}

/** A model's answer for some rows: one prediction per row, class probabilities for classifiers. */
export interface ScoredRows {
  readonly predictions: (number | string)[];
  /** Classifiers: per row, one probability per class (in `classes` order). */
  readonly probabilities?: number[][];
}

/**
 * A version loaded and ready to score request rows: a trained model (feature pipeline + ONNX)
 * or an uploaded one (sidecar + ONNX). Plain rows in, plain values out.
 */
export interface ServedModel {
  readonly model: string;
  readonly version: number;
  readonly task: 'regression' | 'binary' | 'multiclass';
  /** Classifiers: the class labels, in probability order. */
  readonly classes?: readonly string[];
  /**
   * Field-by-field problems of the rows (empty when they look scorable). May check only what is
   * cheap (presence); `score` then throws InvalidRowsError with every problem if a value is bad.
   */
  validate(records: readonly unknown[]): RowProblem[];
  /**
   * Scores rows `from` (default 0) up to `to` (default all) of a list that passed `validate`;
   * runs ONNX Runtime on the main thread.
   */
  score(records: readonly unknown[], from?: number, to?: number): Promise<ScoredRows>;
  /** Frees the native session. */
  release(): Promise<void>;
}

/** Rows of a row-major probability matrix as plain lists. */
export function probabilityRows(values: ArrayLike<number>, nRows: number, nClasses: number): number[][] {
  const rows: number[][] = new Array<number[]>(nRows);
  for (let i = 0; i < nRows; i++) {
    const row = new Array<number>(nClasses);
    for (let k = 0; k < nClasses; k++) row[k] = values[i * nClasses + k]!;
    rows[i] = row;
  }
  return rows;
}
