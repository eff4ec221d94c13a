import { findColumn, type DataTable } from '../data/table';
import { DataError } from '../errors';
import type { FeatureMatrix } from '../matrix';
import { labelValues, numericValues } from './column-values';
import { stepEncoder } from './encoders';
import { encodeTarget } from './target';
import type { FeaturePipeline } from './types';

/** Features and target of the rows that have a target, for a trainer or a holdout evaluation. */
export interface TrainingSet {
  readonly X: FeatureMatrix;
  /** Regression values, or class indices into `pipeline.target.classes`. */
  readonly y: Float64Array;
  /** Source row of each training row. */
  readonly rows: Int32Array;
}

/** Encodes `rows` of a table (default all) into a FeatureMatrix; a missing input column is an error. */
export function transformTable(
  pipeline: FeaturePipeline,
  table: DataTable,
  rows?: Int32Array,
): FeatureMatrix {
  const picked = rows ?? Int32Array.from({ length: table.rowCount }, (_, i) => i);
  const n = picked.length;
  const columns = pipeline.featureNames.map(() => new Float32Array(n));
  let offset = 0;
  pipeline.steps.forEach((step, s) => {
    const field = pipeline.inputs[s];
    const col = findColumn(table, field.name);
    if (col === undefined) {
      throw new DataError('missing_column', `Feature column "${field.name}" is not in the data`, {
        column: field.name,
      });
    }
    const encoder = stepEncoder(step);
    const out = columns.slice(offset, offset + encoder.width);
    if (encoder.takes === 'number') {
      const values = numericValues(col, field);
      for (let i = 0; i < n; i++) encoder.write(values[picked[i]], out, i);
    } else {
      const { codes, labels } = labelValues(col);
      for (let i = 0; i < n; i++) {
        const code = codes[picked[i]];
        encoder.write(code < 0 ? null : labels[code], out, i);
      }
    }
    offset += encoder.width;
  });
  return { nRows: n, names: pipeline.featureNames, columns };
}

/** Features and encoded target of `rows` (default all), leaving out rows without a target. */
export function buildTrainingSet(
  pipeline: FeaturePipeline,
  table: DataTable,
  rows?: Int32Array,
): TrainingSet {
  const targetCol = findColumn(table, pipeline.target.name);
  if (targetCol === undefined) {
    throw new DataError('missing_column', `Target column "${pipeline.target.name}" is not in the data`, {
      column: pipeline.target.name,
    });
  }
  const all = rows ?? Int32Array.from({ length: table.rowCount }, (_, i) => i);
  const target = encodeTarget(pipeline.target, targetCol, all);
  return { X: transformTable(pipeline, table, target.rows), y: target.y, rows: target.rows };
}
