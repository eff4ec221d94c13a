import { DataError } from '../errors';
import type { FeatureMatrix } from '../matrix';

/** Copies a column-major feature matrix into one row-major Float32Array [nRows * nFeatures]. */
export function toRowMajor(m: FeatureMatrix): Float32Array {
  const f = m.columns.length;
  const out = new Float32Array(m.nRows * f);
  for (let j = 0; j < f; j++) {
    const col = m.columns[j];
    if (col.length !== m.nRows) {
      throw new DataError(
        'bad_type',
        `Feature column "${m.names[j] ?? j}" has ${col.length} values for ${m.nRows} rows`,
        {
          column: m.names[j],
        },
      );
    }
    for (let i = 0, at = j; i < m.nRows; i++, at += f) out[at] = col[i];
  }
  return out;
}
