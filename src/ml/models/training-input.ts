import { DataError } from '../errors';
import type { FeatureMatrix, Task } from '../matrix';

/** What the trainers learn from: features plus one numeric target per row. */
export interface TrainingInput {
  readonly matrix: FeatureMatrix;
  /** Regression: any finite number. Binary: 0 or 1. Multiclass: class index 0..K-1. */
  readonly target: ArrayLike<number>;
  readonly task: Task;
}

/** Checked shape of a training input: row count, feature count and, for classifiers, class count. */
export interface CheckedInput {
  readonly nRows: number;
  readonly nFeatures: number;
  /** 0 for regression, 2 for binary, K for multiclass. */
  readonly nClasses: number;
}

/**
 * Rejects inputs no trainer can learn from, with a typed error naming the row or column:
 * no columns, no rows, mismatched lengths, non-finite or out-of-range targets, a single class.
 */
export function checkTrainingInput(input: TrainingInput): CheckedInput {
  const { matrix, target, task } = input;
  const nFeatures = matrix.columns.length;
  if (nFeatures === 0) throw new DataError('empty', 'the feature matrix has no columns');
  if (matrix.names.length !== nFeatures) {
    throw new DataError(
      'bad_spec',
      `the feature matrix names ${matrix.names.length} features but holds ${nFeatures} columns`,
    );
  }
  const nRows = matrix.nRows;
  if (nRows === 0) throw new DataError('no_rows', 'the training data has no rows');
  for (let f = 0; f < nFeatures; f++) {
    if (matrix.columns[f].length !== nRows) {
      throw new DataError(
        'bad_spec',
        `feature '${matrix.names[f]}' has ${matrix.columns[f].length} values but the matrix has ${nRows} rows`,
        { column: matrix.names[f] },
      );
    }
  }
  if (target.length !== nRows) {
    throw new DataError(
      'bad_spec',
      `the target has ${target.length} values but the matrix has ${nRows} rows`,
    );
  }
  for (let i = 0; i < nRows; i++) {
    if (!Number.isFinite(target[i])) {
      throw new DataError('bad_target', `the target is missing or not finite at row ${i}`, { row: i });
    }
  }
  if (task === 'regression') return { nRows, nFeatures, nClasses: 0 };
  return { nRows, nFeatures, nClasses: checkClasses(target, task) };
}

function checkClasses(target: ArrayLike<number>, task: Task): number {
  let max = 0;
  for (let i = 0; i < target.length; i++) {
    const y = target[i];
    const ok = Number.isInteger(y) && y >= 0 && (task === 'multiclass' || y <= 1);
    if (!ok) {
      const expected = task === 'binary' ? '0 or 1' : 'a class index 0, 1, 2, ...';
      throw new DataError('bad_target', `the target at row ${i} is ${y}, expected ${expected}`, { row: i });
    }
    if (y > max) max = y;
  }
  const seen = new Uint8Array(max + 1);
  let distinct = 0;
  for (let i = 0; i < target.length; i++) {
    if (seen[target[i]] === 0) distinct++;
    seen[target[i]] = 1;
  }
  if (distinct < 2) {
    throw new DataError(
      'single_class',
      `the target has a single class (${target[0]}); a classifier needs two`,
    );
  }
  return task === 'binary' ? 2 : max + 1;
}
