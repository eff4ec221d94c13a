import { rowLabel, type DataColumn } from '../data/table';
import { DataError } from '../errors';
import type { Task } from '../matrix';
import { labelValues } from './column-values';
import type { TargetEncoding } from './types';

/** Encoded target over the rows that have one: regression values or class indices (as numbers). */
export interface EncodedTarget {
  readonly y: Float64Array;
  /** Source row of each y (rows with a missing target are left out). */
  readonly rows: Int32Array;
}

/**
 * Fits the target's encoding on `rows`: regression needs mostly numbers ('bad_target' naming
 * the first text row; rows with a text target are left out); classification keeps the class labels, in numeric order when all are numbers, else
 * in text order, so index 1 is the positive class of a 0/1 or false/true target.
 */
export function fitTarget(col: DataColumn, task: Task, rows: Int32Array, maxClasses: number): TargetEncoding {
  const name = col.name;
  if (task === 'regression') {
    // A few text cells among numbers ("?", "#VALUE!") are rows left out (see leftOutOf); mostly text is no target.
    if (col.textCount > 0 && col.textCount >= col.numberCount) {
      const text = col.dictionary[(col.codes as Int32Array)[col.firstTextRow]];
      throw new DataError(
        'bad_target',
        `Target "${name}" must be numeric for regression: ${rowLabel(col.firstTextRow)} has ${JSON.stringify(text)}`,
        { column: name, row: col.firstTextRow + 1, value: text },
      );
    }
    if (col.numberCount === 0)
      throw new DataError('bad_target', `Target "${name}" has no values`, { column: name });
    return { name, task };
  }
  const { codes, labels } = labelValues(col);
  const seen = new Set<string>();
  for (let i = 0; i < rows.length; i++) if (codes[rows[i]] >= 0) seen.add(labels[codes[rows[i]]]);
  const classes = sortClasses([...seen]);
  if (classes.length === 0)
    throw new DataError('bad_target', `Target "${name}" has no values`, { column: name });
  if (classes.length === 1) {
    throw new DataError(
      'single_class',
      `Target "${name}" has a single class (${JSON.stringify(classes[0])}); classification needs at least two`,
      { column: name, class: classes[0] },
    );
  }
  const limit = task === 'binary' ? 2 : maxClasses;
  if (classes.length > limit) {
    const shown = classes.slice(0, 10).join(', ') + (classes.length > 10 ? ', ...' : '');
    const hint = task === 'binary' ? '; use the multiclass task' : '';
    throw new DataError(
      'bad_target',
      `Target "${name}" has ${classes.length} classes (${shown}) but a ${task} task allows at most ${limit}${hint}`,
      { column: name, limit },
    );
  }
  return { name, task, classes };
}

/** Encodes the target for `rows`, leaving out rows where it is missing (or a class never fitted). */
export function encodeTarget(target: TargetEncoding, col: DataColumn, rows: Int32Array): EncodedTarget {
  const y = new Float64Array(rows.length);
  const kept = new Int32Array(rows.length);
  let n = 0;
  if (target.task === 'regression') {
    const numbers = col.numbers;
    for (let i = 0; i < rows.length; i++) {
      const v = numbers === null ? NaN : numbers[rows[i]];
      if (Number.isNaN(v)) continue;
      y[n] = v;
      kept[n++] = rows[i];
    }
  } else {
    const { codes, labels } = labelValues(col);
    const index = new Map(target.classes.map((c, i) => [c, i]));
    const byCode = labels.map((l) => index.get(l) ?? -1);
    for (let i = 0; i < rows.length; i++) {
      const code = codes[rows[i]];
      const k = code >= 0 ? byCode[code] : -1;
      if (k < 0) continue;
      y[n] = k;
      kept[n++] = rows[i];
    }
  }
  return { y: y.slice(0, n), rows: kept.slice(0, n) };
}

function sortClasses(labels: string[]): string[] {
  const allNumbers = labels.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  return allNumbers
    ? labels.sort((a, b) => Number(a) - Number(b))
    : labels.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
