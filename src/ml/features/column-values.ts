import { rowLabel, type DataColumn } from '../data/table';
import { DataError } from '../errors';
import { coerceCell } from '../schema/coerce';
import type { InputField } from './types';

/**
 * A numeric, boolean (0/1) or datetime (epoch ms) column as numbers, NaN = missing. Text cells are
 * coerced once per distinct text, with the serving path's rule (coerceCell).
 */
export function numericValues(col: DataColumn, field: InputField): Float64Array {
  const n = col.missing.length;
  const out = new Float64Array(n).fill(NaN);
  const { numbers, codes } = col;
  const byCode = col.dictionary.map((text) => coerceCell(field, text));
  for (let row = 0; row < n; row++) {
    if (col.missing[row] === 1) continue;
    const code = codes === null ? -1 : codes[row];
    if (code >= 0) {
      const c = byCode[code];
      if (!c.ok) throw cellError(field, row, col.dictionary[code], c.expected);
      out[row] = c.value as number;
    } else if (numbers !== null) {
      const v = numbers[row];
      if (field.type === 'numeric') out[row] = v;
      else {
        const c = coerceCell(field, v);
        if (!c.ok) throw cellError(field, row, String(v), c.expected);
        out[row] = c.value as number;
      }
    }
  }
  return out;
}

/** A categorical column as labels: a code per row into `labels` (-1 = missing). */
export function labelValues(col: DataColumn): { codes: Int32Array; labels: string[] } {
  if (col.numbers === null || col.numberCount === 0) {
    return { codes: col.codes ?? new Int32Array(col.missing.length).fill(-1), labels: [...col.dictionary] };
  }
  // Numbers read as labels (e.g. a forced categorical): give them codes after the texts.
  const labels = [...col.dictionary];
  const index = new Map(labels.map((l, i) => [l, i]));
  const codes = new Int32Array(col.missing.length).fill(-1);
  for (let row = 0; row < codes.length; row++) {
    if (col.missing[row] === 1) continue;
    const code = col.codes === null ? -1 : col.codes[row];
    if (code >= 0) codes[row] = code;
    else {
      const label = String(col.numbers[row]);
      let c = index.get(label);
      if (c === undefined) {
        c = labels.length;
        labels.push(label);
        index.set(label, c);
      }
      codes[row] = c;
    }
  }
  return { codes, labels };
}

function cellError(field: InputField, row: number, value: string, expected: string): DataError {
  return new DataError(
    'bad_type',
    `Column "${field.name}" should hold ${expected}: ${rowLabel(row)} has ${JSON.stringify(value)}`,
    { column: field.name, row: row + 1, value },
  );
}
