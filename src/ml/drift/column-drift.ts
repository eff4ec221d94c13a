import { DataError } from '../errors';
import type { InputField } from '../features/types';
import type { ColumnProfile, TrainingProfile } from '../profile/types';
import { coerceCell } from '../schema/coerce';
import { defaultDriftTest, driftTestByName } from './registry';
import type { CurrentSample, DriftResult } from './types';

/**
 * Current values of one input from logged request rows, read with the serving rules; a value
 * that does not fit the field's type counts as missing.
 */
export function currentSample(
  reference: ColumnProfile,
  field: InputField,
  raw: readonly unknown[],
): CurrentSample {
  const typed = raw.map((v) => {
    const c = coerceCell(field, v);
    return c.ok ? c.value : null;
  });
  if (reference.type === 'numeric') {
    return { type: 'numeric', values: Float64Array.from(typed, (v) => (typeof v === 'number' ? v : NaN)) };
  }
  const label = (v: number | string | null): string | null =>
    v === null ? null : field.type === 'boolean' ? (v === 1 ? 'true' : 'false') : String(v);
  return { type: 'categorical', values: typed.map(label) };
}

/** Options of datasetDrift: a test name and threshold per column, and the share of drifted columns that makes the dataset drift (default 0.5). */
export interface DatasetDriftOptions {
  readonly tests?: Readonly<Record<string, string>>;
  readonly thresholds?: Readonly<Record<string, number>>;
  readonly driftShare?: number;
}

/** Per-column drift of logged rows against the training profile, and whether the dataset drifted. */
export interface DatasetDrift {
  readonly columns: Readonly<Record<string, DriftResult>>;
  readonly driftedShare: number;
  readonly drifted: boolean;
}

/**
 * Runs one drift test per profiled input (the column's default test unless `tests` names one) on
 * the current rows; the dataset drifts when at least `driftShare` of the columns do.
 */
export function datasetDrift(
  profile: TrainingProfile,
  inputs: readonly InputField[],
  rows: readonly Record<string, unknown>[],
  options: DatasetDriftOptions = {},
): DatasetDrift {
  const columns: Record<string, DriftResult> = {};
  for (const field of inputs) {
    const reference = profile.columns[field.name];
    if (reference === undefined) continue;
    const sample = currentSample(
      reference,
      field,
      rows.map((r) => r[field.name]),
    );
    const name = options.tests?.[field.name];
    const test = name === undefined ? defaultDriftTest(reference) : driftTestByName(name);
    if (!test.columnTypes.includes(reference.type)) {
      throw new DataError(
        'bad_spec',
        `Drift test "${test.name}" does not apply to ${reference.type} column "${field.name}"`,
        {
          column: field.name,
        },
      );
    }
    columns[field.name] = test.run(
      reference,
      sample,
      options.thresholds?.[field.name] ?? test.defaultThreshold,
    );
  }
  const results = Object.values(columns);
  const driftedShare = results.length === 0 ? 0 : results.filter((r) => r.drifted).length / results.length;
  return {
    columns,
    driftedShare,
    drifted: results.length > 0 && driftedShare >= (options.driftShare ?? 0.5),
  };
}
