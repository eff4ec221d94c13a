import { DataError } from '../errors';
import type { FeatureMatrix } from '../matrix';
import { coerceCell, coerceValue, type Coerced } from '../schema/coerce';
import { stepEncoder } from './encoders';
import type { FeaturePipeline } from './types';

/**
 * Encodes request rows (`{feature: value}` objects, the serving path) into a FeatureMatrix with
 * the very encoders used in training. An absent field counts as missing; a value of the wrong
 * type is a 'bad_type' error naming the field and the row (1-based); run validateRecord first
 * to report every problem at once.
 */
export function transformRecords(pipeline: FeaturePipeline, records: readonly unknown[]): FeatureMatrix {
  const n = records.length;
  const columns = pipeline.featureNames.map(() => new Float32Array(n));
  let offset = 0;
  pipeline.steps.forEach((step, s) => {
    const field = pipeline.inputs[s];
    const encoder = stepEncoder(step);
    const out = columns.slice(offset, offset + encoder.width);
    for (let i = 0; i < n; i++) {
      const record = records[i];
      const raw =
        record !== null && typeof record === 'object'
          ? (record as Record<string, unknown>)[field.name]
          : undefined;
      const value = coerceValue(field, raw);
      if (value === undefined) {
        const c = coerceCell(field, raw) as Extract<Coerced, { ok: false }>;
        throw new DataError(
          'bad_type',
          `Row ${i + 1} (1-based): feature "${field.name}" must be ${c.reason === 'not_finite' ? 'finite' : c.expected}`,
          { column: field.name, row: i + 1 },
        );
      }
      if (encoder.takes === 'number') encoder.write(value === null ? NaN : (value as number), out, i);
      else encoder.write(value === null ? null : String(value), out, i);
    }
    offset += encoder.width;
  });
  return { nRows: n, names: pipeline.featureNames, columns };
}
