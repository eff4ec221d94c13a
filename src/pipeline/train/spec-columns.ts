import type { DataTable } from '../../ml/data/table';
import { DataError } from '../../ml/errors';
import type { ModelSpec } from '../../domain/spec/model-spec';

/** Every column the spec names must be in the data; the error names the spec field and the columns there are. */
export function checkSpecColumns(table: DataTable, spec: ModelSpec): void {
  const have = new Set(table.columns.map((c) => c.name));
  const named: [string, string][] = [
    ['target', spec.target],
    ...(spec.features ?? []).map((c, i): [string, string] => [`features[${i}]`, c]),
    ...spec.exclude.map((c, i): [string, string] => [`exclude[${i}]`, c]),
    ...(spec.timeColumn === undefined ? [] : [['timeColumn', spec.timeColumn] as [string, string]]),
    ...spec.validation.sliceColumns.map((c, i): [string, string] => [`validation.sliceColumns[${i}]`, c]),
    ...Object.keys(spec.format.dateFormats).map((c): [string, string] => [`format.dateFormats.${c}`, c]),
  ];
  for (const [field, column] of named) {
    if (have.has(column)) continue;
    const list = table.columns.map((c) => c.name).join(', ');
    const what = field === 'target' ? 'Target column' : `Column`;
    throw new DataError(
      'missing_column',
      `${what} "${column}" named in the spec (${field}) is not in the data (columns: ${list})`,
      { column, field },
    );
  }
}
