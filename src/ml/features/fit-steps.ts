import type { DataColumn } from '../data/table';
import { DATE_PARTS, datePart } from '../schema/datetime';
import { labelValues, numericValues } from './column-values';
import type { DroppedColumn, FeatureStep, InputField, ModelFamily } from './types';
import { buildVocabulary } from './vocabulary';

/** Name of the one-hot column that takes unknown and missing values. */
export const UNKNOWN_LABEL = '__unknown__';

/** The fitted step for one input, or why the input was dropped. */
export type StepFit = { readonly step: FeatureStep } | { readonly dropped: DroppedColumn };

/**
 * Fits one input's step on `rows`: numbers and booleans pass through (imputed with the training
 * mean for linear models), datetimes become date parts (constant parts left out), categoricals
 * get a frequency-ordered vocabulary of at most maxCategories - 1 values plus an unknown bucket.
 */
export function fitStep(
  col: DataColumn,
  field: InputField,
  rows: Int32Array,
  family: ModelFamily,
  maxCategories: number,
): StepFit {
  const name = field.name;
  if (field.type === 'categorical') {
    const { codes, labels } = labelValues(col);
    const vocabulary = buildVocabulary(codes, labels, rows, maxCategories);
    if (family === 'trees') return { step: { kind: 'ordinal', input: name, output: name, vocabulary } };
    const outputs = [...vocabulary, UNKNOWN_LABEL].map((v) => `${name}=${v}`);
    return { step: { kind: 'oneHot', input: name, outputs, vocabulary } };
  }
  const values = numericValues(col, field);
  if (field.type === 'datetime') {
    const parts = DATE_PARTS.filter((part) => {
      const s = summarise(values, rows, (v) => datePart(v, part));
      return s.count > 0 && s.min !== s.max;
    });
    if (parts.length === 0) return { dropped: constant(name) };
    const impute =
      family === 'linear' ? parts.map((p) => summarise(values, rows, (v) => datePart(v, p)).mean) : null;
    return {
      step: { kind: 'dateParts', input: name, parts, outputs: parts.map((p) => `${name}_${p}`), impute },
    };
  }
  const s = summarise(values, rows, (v) => v);
  const impute = family === 'linear' ? s.mean : null;
  return {
    step: { kind: field.type === 'boolean' ? 'boolean' : 'numeric', input: name, output: name, impute },
  };
}

function summarise(
  values: Float64Array,
  rows: Int32Array,
  f: (v: number) => number,
): { count: number; min: number; max: number; mean: number } {
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < rows.length; i++) {
    const v = values[rows[i]];
    if (Number.isNaN(v)) continue;
    const x = f(v);
    count++;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { count, min, max, mean: count === 0 ? 0 : sum / count };
}

function constant(name: string): DroppedColumn {
  return {
    column: name,
    reason: 'constant',
    message: `Column "${name}" was left out: its date parts are the same in every training row`,
  };
}
