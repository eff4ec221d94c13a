import { findColumn, type DataTable } from '../data/table';
import { labelValues, numericValues } from '../features/column-values';
import type { FeaturePipeline } from '../features/types';
import { profileCategorical, profileNumeric, type ProfileOptions } from './profile-column';
import type { ColumnProfile, TimeRange, TrainingProfile } from './types';

/** The model's predictions on the profiled rows: values (regression) or class indices. */
export type ProfiledPredictions = Float64Array | Int32Array;

/**
 * Profiles the pipeline's inputs over `rows` of the table (default all): numeric columns as
 * quantile histograms, categorical and boolean columns as category frequencies; with the
 * predictions' distribution when given (class indices are named by the pipeline's classes).
 */
export function buildTrainingProfile(
  pipeline: FeaturePipeline,
  table: DataTable,
  options: ProfileOptions & { rows?: Int32Array; predictions?: ProfiledPredictions } = {},
): TrainingProfile {
  const rows = options.rows ?? Int32Array.from({ length: table.rowCount }, (_, i) => i);
  const columns: Record<string, ColumnProfile> = {};
  const timeRanges: Record<string, TimeRange> = {};
  for (const field of pipeline.inputs) {
    const col = findColumn(table, field.name);
    if (col === undefined) continue;
    if (field.type === 'datetime') {
      const range = timeRange(numericValues(col, field), rows);
      if (range) timeRanges[field.name] = range;
      continue;
    }
    if (field.type === 'numeric') {
      const values = numericValues(col, field);
      columns[field.name] = profileNumeric(
        Float64Array.from(rows, (r) => values[r]),
        options,
      );
    } else if (field.type === 'boolean') {
      const values = numericValues(col, field);
      const labels = Array.from(rows, (r) =>
        Number.isNaN(values[r]) ? null : values[r] === 1 ? 'true' : 'false',
      );
      columns[field.name] = profileCategorical(labels, options);
    } else {
      const { codes, labels } = labelValues(col);
      columns[field.name] = profileCategorical(
        Array.from(rows, (r) => (codes[r] < 0 ? null : labels[codes[r]])),
        options,
      );
    }
  }
  const profile: TrainingProfile = {
    version: 1,
    rowCount: rows.length,
    columns,
    ...(Object.keys(timeRanges).length > 0 && { timeRanges }),
  };
  if (options.predictions === undefined) return profile;
  return { ...profile, prediction: profilePredictions(pipeline, options.predictions, options) };
}

/** First and last time of a datetime column (epoch ms, NaN = missing) over `rows`, as ISO strings. */
function timeRange(values: Float64Array, rows: Int32Array): TimeRange | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const r of rows) {
    const v = values[r]!;
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return undefined;
  return { min: new Date(min).toISOString(), max: new Date(max).toISOString() };
}

/** Distribution of predictions: a numeric profile, or class label frequencies for classifiers. */
export function profilePredictions(
  pipeline: FeaturePipeline,
  predictions: ProfiledPredictions,
  options: ProfileOptions = {},
): ColumnProfile {
  const target = pipeline.target;
  if (target.task === 'regression') return profileNumeric(predictions, options);
  return profileCategorical(
    Array.from(predictions, (k) => target.classes[k] ?? null),
    options,
  );
}
