import { byFrequency } from '../schema/column-stats';

/**
 * The most frequent labels among `rows`, at most maxSize - 1 of them (one slot is the unknown
 * bucket); ties in label order so the result does not depend on row order.
 */
export function buildVocabulary(
  codes: Int32Array,
  labels: readonly string[],
  rows: Int32Array,
  maxSize: number,
): string[] {
  const counts = new Float64Array(labels.length);
  for (let i = 0; i < rows.length; i++) {
    const code = codes[rows[i]];
    if (code >= 0) counts[code]++;
  }
  const present = labels.map((value, i) => ({ value, count: counts[i] })).filter((v) => v.count > 0);
  return present
    .sort(byFrequency)
    .slice(0, Math.max(1, maxSize - 1))
    .map((v) => v.value);
}
