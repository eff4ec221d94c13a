import type { DataColumn } from '../data/table';
import { booleanText } from './coerce';
import type { ValueCount } from './types';

const TOP = 10;

/** Distinct count, min, max and mean of the finite values (NaN = missing); zeros when none. */
export function numberStats(values: Float64Array): {
  distinct: number;
  min: number;
  max: number;
  mean: number;
} {
  const finite = values.filter((v) => !Number.isNaN(v)).sort();
  if (finite.length === 0) return { distinct: 0, min: NaN, max: NaN, mean: NaN };
  let distinct = 1;
  let sum = finite[0];
  for (let i = 1; i < finite.length; i++) {
    if (finite[i] !== finite[i - 1]) distinct++;
    sum += finite[i];
  }
  return { distinct, min: finite[0], max: finite[finite.length - 1], mean: sum / finite.length };
}

/** Label counts of a column read as labels (numbers as their decimal text), most frequent first. */
export function labelCounts(col: DataColumn): ValueCount[] {
  const counts = new Map<string, number>();
  const codeCounts = new Float64Array(col.dictionary.length);
  const { codes, numbers } = col;
  for (let row = 0; row < col.missing.length; row++) {
    if (col.missing[row] === 1) continue;
    const code = codes === null ? -1 : codes[row];
    if (code >= 0) codeCounts[code]++;
    else if (numbers !== null) {
      const label = String(numbers[row]);
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
  }
  codeCounts.forEach((n, code) => {
    if (n > 0) counts.set(col.dictionary[code], (counts.get(col.dictionary[code]) ?? 0) + n);
  });
  return [...counts].map(([value, count]) => ({ value, count })).sort(byFrequency);
}

/** Most frequent first; ties in label order, so the result does not depend on row order. */
export function byFrequency(a: ValueCount, b: ValueCount): number {
  return b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}

/** Distinct count and top values, for categorical and boolean columns. */
export function labelStats(col: DataColumn): { distinct: number; top: ValueCount[] } {
  const counts = labelCounts(col);
  return { distinct: counts.length, top: counts.slice(0, TOP) };
}

/** Distinct count and counts of a boolean column, spelled 'true' / 'false' whatever the file wrote. */
export function booleanStats(col: DataColumn): { distinct: number; top: ValueCount[] } {
  const counts = new Map<string, number>();
  for (const { value, count } of labelCounts(col)) {
    const label = (booleanText(value) ?? Number(value)) === 1 ? 'true' : 'false';
    counts.set(label, (counts.get(label) ?? 0) + count);
  }
  const top = [...counts].map(([value, count]) => ({ value, count })).sort(byFrequency);
  return { distinct: top.length, top };
}
