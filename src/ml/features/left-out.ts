import { findColumn, type DataTable } from '../data/table';
import { labelValues } from './column-values';
import type { FeaturePipeline } from './types';
import type { StrayCells } from '../schema/stray-cells';

/** Why rows or values were left out of training. */
export type LeftOutReason =
  | 'missing_target'
  | 'unparseable_target'
  | 'unseen_class'
  | 'rare_category'
  | 'infinite_value'
  | 'unparseable_value';

/** A count of rows (or of one column's values) left out for one reason; plain JSON. */
export interface LeftOut {
  readonly reason: LeftOutReason;
  /** 'rows' are not trained on or evaluated; 'values' are read as unknown or missing. */
  readonly scope: 'rows' | 'values';
  readonly column: string;
  readonly count: number;
  /** One of the values concerned, when it says something (an unparseable target). */
  readonly example?: string;
  readonly message: string;
}

/**
 * What training leaves out of a table, per reason: rows without a target, rows whose regression
 * target is text, holdout rows of a class the training rows never have, and categorical values
 * beyond the vocabulary (read as unknown), ±Infinity values of an input (read as missing), and
 * an input's stray text cells among its numbers (read as missing, see readStrayCells). Empty when
 * nothing was left out.
 */
export function leftOutOf(
  table: DataTable,
  pipeline: FeaturePipeline,
  strays: readonly StrayCells[] = [],
): LeftOut[] {
  const out: LeftOut[] = [];
  const target = pipeline.target;
  const col = findColumn(table, target.name);
  if (col === undefined) return out;
  if (col.missingCount > 0) {
    const n = col.missingCount;
    out.push(rows('missing_target', target.name, n, `${n} rows without a value for target "${target.name}"`));
  }
  if (target.task === 'regression' && col.textCount > 0) {
    const example = col.dictionary[(col.codes as Int32Array)[col.firstTextRow]];
    const n = col.textCount;
    const message = `${n} rows whose target "${target.name}" is not a number (e.g. ${JSON.stringify(example)})`;
    out.push({ ...rows('unparseable_target', target.name, n, message), example });
  } else if (target.task !== 'regression') {
    const { codes, labels } = labelValues(col);
    const known = new Set(target.classes);
    const unknownCode = labels.map((l) => !known.has(l));
    let n = 0;
    for (let r = 0; r < codes.length; r++) if (codes[r] >= 0 && unknownCode[codes[r]]) n++;
    if (n > 0) {
      const message = `${n} holdout rows of a "${target.name}" class that no training row has`;
      out.push(rows('unseen_class', target.name, n, message));
    }
  }
  for (const input of pipeline.inputs) {
    const n = findColumn(table, input.name)?.infiniteCount ?? 0;
    if (n === 0) continue;
    out.push({
      reason: 'infinite_value',
      scope: 'values',
      column: input.name,
      count: n,
      message: `${n} infinite values of "${input.name}" read as missing`,
    });
  }
  const inputs = new Set(pipeline.inputs.map((i) => i.name));
  for (const stray of strays) {
    if (!inputs.has(stray.column)) continue;
    out.push({
      reason: 'unparseable_value',
      scope: 'values',
      column: stray.column,
      count: stray.count,
      example: stray.example,
      message: `${stray.count} values of "${stray.column}" that are not numbers (e.g. ${JSON.stringify(stray.example)}) read as missing`,
    });
  }
  pipeline.steps.forEach((step) => {
    if (step.kind !== 'ordinal' && step.kind !== 'oneHot') return;
    const feature = findColumn(table, step.input);
    if (feature === undefined) return;
    const { codes, labels } = labelValues(feature);
    const inVocabulary = new Set(step.vocabulary);
    const rare = labels.map((l) => !inVocabulary.has(l));
    let n = 0;
    for (let r = 0; r < codes.length; r++) if (codes[r] >= 0 && rare[codes[r]]) n++;
    if (n === 0) return;
    out.push({
      reason: 'rare_category',
      scope: 'values',
      column: step.input,
      count: n,
      message: `${n} values of "${step.input}" outside its ${step.vocabulary.length} known categories (rare, or not in the training rows), read as unknown`,
    });
  });
  return out;
}

function rows(reason: LeftOutReason, column: string, count: number, message: string): LeftOut {
  return { reason, scope: 'rows', column, count, message };
}
