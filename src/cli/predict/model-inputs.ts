import type { ModelVersion } from '../../domain/model-version';
import { parseDecimalComma } from '../../ml/data/cell';
import { modelPath, type ApiClient } from '../api-client';

/** An input the version expects, as its feature schema names it. */
export interface ModelInput {
  name: string;
  type?: string;
}

/** What the CLI knows about the columns of the version that will score. */
export interface ModelColumns {
  version: number;
  inputs: ModelInput[];
  /** Columns the model knows but does not score on (target, dropped ones): removed before sending. */
  ignored: string[];
}

/** The production version (or `version`) and its input columns, from the version record. */
export async function modelColumns(
  client: ApiClient,
  model: string,
  version?: number,
): Promise<ModelColumns> {
  let v = version;
  if (v === undefined) {
    const summary = await client.get<{ production?: { version: number } }>(modelPath(model));
    if (!summary.production)
      throw new Error(`${model} has no production version yet: promote one or pass --version`);
    v = summary.production.version;
  }
  const record = await client.get<ModelVersion>(modelPath(model, `/versions/${v}`));
  const schema = (record.featureSchema ?? {}) as {
    inputs?: { name?: unknown; type?: unknown }[];
    target?: { name?: unknown };
    dropped?: { column?: unknown }[];
  };
  const inputs = (schema.inputs ?? [])
    .filter((i) => typeof i.name === 'string')
    .map((i) => ({ name: i.name as string, ...(typeof i.type === 'string' && { type: i.type }) }));
  const ignored = [schema.target?.name, ...(schema.dropped ?? []).map((d) => d.column)].filter(
    (n): n is string => typeof n === 'string',
  );
  return { version: v, inputs, ignored };
}

/** File columns the model does not know, in file order (empty when the schema lists no inputs). */
export function unknownColumns(columns: readonly string[], model: ModelColumns): string[] {
  if (model.inputs.length === 0) return [];
  const known = new Set([...model.inputs.map((i) => i.name), ...model.ignored]);
  return columns.filter((c) => !known.has(c));
}

/**
 * The records as the app takes them: only the model's inputs, CSV strings typed by the input's
 * type (numbers, decimal commas too when `decimalComma`, booleans; an empty cell is a missing value). JSON values pass as they are.
 */
export function castRecords(
  records: readonly Record<string, unknown>[],
  model: ModelColumns,
  decimalComma = false,
): Record<string, unknown>[] {
  if (model.inputs.length === 0) return [...records];
  return records.map((record) => {
    const out: Record<string, unknown> = {};
    for (const input of model.inputs) {
      if (!(input.name in record)) continue;
      out[input.name] = cast(record[input.name], input.type, decimalComma);
    }
    return out;
  });
}

function cast(value: unknown, type: string | undefined, decimalComma: boolean): unknown {
  if (typeof value !== 'string') return value;
  if (value === '') return null;
  if (type === 'numeric') {
    const n = Number(value);
    if (Number.isFinite(n)) return n;
    return (decimalComma ? parseDecimalComma(value) : null) ?? value;
  }
  if (type === 'boolean') {
    const lower = value.toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
  }
  return value;
}
