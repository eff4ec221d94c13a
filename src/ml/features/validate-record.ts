import { coerceCell } from '../schema/coerce';
import type { FeaturePipeline } from './types';

/** One thing wrong with one field of a request row; the HTTP layer turns these into a 400. */
export interface FieldProblem {
  readonly field: string;
  readonly code: 'not_an_object' | 'missing_feature' | 'wrong_type' | 'not_finite';
  readonly message: string;
}

/**
 * Checks one request row against the pipeline's inputs, field by field: every input must be
 * present (null means missing and is allowed), of the right type, and finite. Extra fields are
 * ignored. An empty list means the row can be scored.
 */
export function validateRecord(pipeline: FeaturePipeline, record: unknown): FieldProblem[] {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return [{ field: '', code: 'not_an_object', message: 'A row must be a JSON object of feature values' }];
  }
  const row = record as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const field of pipeline.inputs) {
    if (!Object.prototype.hasOwnProperty.call(row, field.name)) {
      problems.push({
        field: field.name,
        code: 'missing_feature',
        message: `Feature "${field.name}" is missing (send null for an unknown value)`,
      });
      continue;
    }
    const c = coerceCell(field, row[field.name]);
    if (!c.ok) {
      const got = describe(row[field.name]);
      const message =
        c.reason === 'not_finite'
          ? `Feature "${field.name}" must be finite, got ${got}`
          : `Feature "${field.name}" must be ${c.expected}, got ${got}`;
      problems.push({ field: field.name, code: c.reason, message });
    }
  }
  return problems;
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}
