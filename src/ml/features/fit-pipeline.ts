import { findColumn, type DataTable } from '../data/table';
import { DataError } from '../errors';
import { columnWarnings } from '../schema/data-report';
import { inferSchema } from '../schema/infer-schema';
import type { TableSchema } from '../schema/types';
import { fitStep } from './fit-steps';
import { encodeTarget, fitTarget } from './target';
import type { DroppedColumn, FeaturePipeline, FeatureStep, InputField, PipelineOptions } from './types';

/**
 * Fits the feature pipeline on a table: picks the feature columns (all but the target, or
 * `features`, minus `exclude`), drops constant and all-missing ones with a warning, fits each
 * step and the target encoding on the rows that have a target. Defaults: maxCategories 255 for
 * trees and 50 for linear, maxClasses 100, all rows, schema inferred with `timeColumn` as time.
 */
export function fitPipeline(
  table: DataTable,
  options: PipelineOptions,
  schema?: TableSchema,
): FeaturePipeline {
  const targetCol = findColumn(table, options.target);
  if (targetCol === undefined) {
    const names = table.columns.map((c) => c.name).join(', ');
    throw new DataError(
      'missing_column',
      `Target column "${options.target}" is not in the data (columns: ${names})`,
      {
        column: options.target,
      },
    );
  }
  const allRows = options.rows ?? Int32Array.from({ length: table.rowCount }, (_, i) => i);
  const target = fitTarget(targetCol, options.task, allRows, options.maxClasses ?? 100);
  const { rows } = encodeTarget(target, targetCol, allRows);
  const warnings: string[] = [];
  if (rows.length < allRows.length) {
    warnings.push(
      `${allRows.length - rows.length} rows without a value for target "${options.target}" were left out`,
    );
  }
  const dropped: DroppedColumn[] = [];
  const steps: FeatureStep[] = [];
  const inputs: InputField[] = [];
  const maxCategories = options.maxCategories ?? (options.forModel === 'trees' ? 255 : 50);
  const names = candidates(table, options);
  // Inferred after the target checks, and without the target, so its errors name it as the target.
  const s =
    schema ??
    inferSchema(
      { ...table, columns: table.columns.filter((c) => names.includes(c.name)) },
      {
        timeColumns:
          options.timeColumn !== undefined && names.includes(options.timeColumn) ? [options.timeColumn] : [],
        dateFormats: Object.fromEntries(
          Object.entries(options.dateFormats ?? {}).filter(([name]) => names.includes(name)),
        ),
      },
    );
  for (const name of names) {
    const colSchema = s.columns.find((c) => c.name === name);
    const col = findColumn(table, name);
    if (colSchema === undefined || col === undefined) continue;
    const warning = columnWarnings(colSchema).find((w) => w.code !== 'mostly_missing');
    if (warning !== undefined) {
      const reason = warning.code === 'constant' ? 'constant' : 'all_missing';
      dropped.push({ column: name, reason, message: `${warning.message}: left out` });
      continue;
    }
    const field: InputField = {
      name,
      type: colSchema.type,
      ...(colSchema.unit ? { unit: colSchema.unit } : {}),
      ...(colSchema.format ? { format: colSchema.format } : {}),
    };
    const fit = fitStep(col, field, rows, options.forModel, maxCategories);
    if ('dropped' in fit) dropped.push(fit.dropped);
    else {
      steps.push(fit.step);
      inputs.push(field);
    }
  }
  if (steps.length === 0) throw noFeatures(dropped);
  warnings.push(...dropped.map((d) => d.message));
  const featureNames = steps.flatMap((st) => ('outputs' in st ? st.outputs : [st.output]));
  return { version: 1, forModel: options.forModel, target, inputs, steps, featureNames, dropped, warnings };
}

function candidates(table: DataTable, options: PipelineOptions): string[] {
  const names = new Set(table.columns.map((c) => c.name));
  for (const name of options.features ?? []) {
    if (!names.has(name)) {
      throw new DataError('missing_column', `Feature column "${name}" is not in the data`, { column: name });
    }
    if (name === options.target) {
      throw new DataError('bad_spec', `Column "${name}" cannot be both the target and a feature`, {
        column: name,
      });
    }
  }
  const exclude = new Set(options.exclude ?? []);
  const chosen = options.features ?? table.columns.map((c) => c.name);
  return chosen.filter((n) => n !== options.target && !exclude.has(n));
}

function noFeatures(dropped: readonly DroppedColumn[]): DataError {
  if (dropped.length === 0) {
    return new DataError('bad_spec', 'No feature columns are left besides the target');
  }
  const first = dropped[0];
  const list = dropped.map((d) => `"${d.column}" (${d.reason.replace('_', ' ')})`).join(', ');
  return new DataError(
    first.reason === 'constant' ? 'constant_column' : 'all_missing',
    `No usable feature column: ${list}`,
    { column: first.column },
  );
}
