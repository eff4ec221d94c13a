import { parseCell } from '../data/cell';
import type { DataColumn, DataTable } from '../data/table';

/** A numeric column's text cells that are no number ("#VALUE!", "unknown"), read as missing. */
export interface StrayCells {
  readonly column: string;
  readonly count: number;
  /** The most frequent of them. */
  readonly example: string;
}

/**
 * Most of a column's filled cells that may be unreadable text while it is still read as numbers:
 * a spreadsheet error or a typo among thousands of numbers is a missing value, not a sign that
 * the column is categorical. Beyond this share the column stays mixed (and is refused, naming a
 * cell), so real text columns are never silently emptied.
 */
export const MAX_STRAY_SHARE = 0.01;

/**
 * The table with each column of numbers and a few stray texts read as numbers: texts that are
 * numbers (JSON strings like "12.5") become numbers, missing-value tokens missing, and the rest
 * (at most MAX_STRAY_SHARE of the filled cells) missing too, counted per column. Columns in
 * `keep` (the target, time columns, columns with a date form) are left as they are.
 */
export function readStrayCells(
  table: DataTable,
  keep: ReadonlySet<string>,
): { table: DataTable; strays: StrayCells[] } {
  const strays: StrayCells[] = [];
  const columns = table.columns.map((col) => {
    if (keep.has(col.name) || col.sourceType !== undefined) return col;
    if (col.numberCount === 0 || col.textCount === 0 || col.codes === null) return col;
    const read = col.dictionary.map(parseCell);
    const counts = new Int32Array(col.dictionary.length);
    for (const code of col.codes) if (code >= 0) counts[code]!++;
    let unreadable = 0;
    let example = -1;
    read.forEach((v, code) => {
      if (typeof v !== 'string') return;
      unreadable += counts[code]!;
      if (example < 0 || counts[code]! > counts[example]!) example = code;
    });
    if (unreadable > MAX_STRAY_SHARE * (col.numberCount + col.textCount)) return col;
    if (unreadable > 0)
      strays.push({ column: col.name, count: unreadable, example: col.dictionary[example]! });
    return asNumbers(col, read);
  });
  return { table: { ...table, columns }, strays };
}

function asNumbers(col: DataColumn, read: readonly (number | string | null)[]): DataColumn {
  const codes = col.codes!;
  const numbers = col.numbers ? Float64Array.from(col.numbers) : new Float64Array(codes.length).fill(NaN);
  const missing = Uint8Array.from(col.missing);
  let missingCount = col.missingCount;
  let numberCount = col.numberCount;
  let firstNumberRow = col.firstNumberRow;
  for (let row = 0; row < codes.length; row++) {
    const code = codes[row]!;
    if (code < 0) continue;
    const v = read[code];
    if (typeof v === 'number') {
      numbers[row] = v;
      numberCount++;
      if (firstNumberRow < 0 || row < firstNumberRow) firstNumberRow = row;
    } else {
      numbers[row] = NaN;
      missing[row] = 1;
      missingCount++;
    }
  }
  return {
    ...col,
    numbers,
    codes: null,
    dictionary: [],
    missing,
    missingCount,
    numberCount,
    textCount: 0,
    firstNumberRow,
    firstTextRow: -1,
  };
}
