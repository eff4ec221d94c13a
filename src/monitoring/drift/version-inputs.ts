import type { ModelVersion } from '../../domain/model-version';
import type { InputField } from '../../ml/features/types';
import type { ColumnType } from '../../ml/schema/types';

const TYPES: ReadonlySet<string> = new Set<ColumnType>(['numeric', 'categorical', 'boolean', 'datetime']);

/**
 * The version's input fields as its feature schema records them (a trained version's pipeline,
 * an uploaded version's sidecar): what predict reads each request field as. Entries that are not
 * fields are skipped; a version without any yields none.
 */
export function versionInputs(version: Pick<ModelVersion, 'featureSchema'>): InputField[] {
  const schema = version.featureSchema as { inputs?: unknown } | null;
  const inputs = Array.isArray(schema?.inputs) ? (schema.inputs as unknown[]) : [];
  const fields: InputField[] = [];
  for (const entry of inputs) {
    if (entry === null || typeof entry !== 'object') continue;
    const { name, type, unit } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || typeof type !== 'string' || !TYPES.has(type)) continue;
    fields.push({
      name,
      type: type as ColumnType,
      ...(unit === 's' || unit === 'ms' ? { unit } : {}),
    });
  }
  return fields;
}
