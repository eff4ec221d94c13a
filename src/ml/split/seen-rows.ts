import { cellAt, findColumn, type DataTable } from '../data/table';

/** A raw cell as the data file gave it (and as holdout.jsonl stores it). */
export type RawCell = string | number | null;

/**
 * 32-bit FNV-1a of a row's cells in `columns` order (JSON of the cells, so 1 and "1" differ).
 * Used to tell whether a holdout row is one a model trained on: a collision can only make a
 * row look seen, which leaves it out of a comparison, never lets a seen row in.
 */
export function rowHash(cells: readonly RawCell[]): number {
  const text = JSON.stringify(cells);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The hashes of `rows` of a table over `columns`, sorted (a missing column hashes as null). */
export function tableRowHashes(table: DataTable, columns: readonly string[], rows: Int32Array): Uint32Array {
  const cols = columns.map((name) => findColumn(table, name));
  const out = new Uint32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    out[i] = rowHash(cols.map((c) => (c === undefined ? null : cellAt(c, rows[i]))));
  }
  return out.sort();
}

/** The hash of a raw record over `columns`, matching tableRowHashes. */
export function recordHash(record: Readonly<Record<string, unknown>>, columns: readonly string[]): number {
  return rowHash(columns.map((name) => toCell(record[name])));
}

/** Whether a sorted hash array holds `hash` (binary search). */
export function hasHash(sorted: Uint32Array, hash: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] === hash) return true;
    if (sorted[mid] < hash) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The row among `rows` with the latest time (NaN times ignored); undefined when none has a time. */
export function latestRow(times: Float64Array, rows: Int32Array): number | undefined {
  let best: number | undefined;
  for (const r of rows)
    if (!Number.isNaN(times[r]) && (best === undefined || times[r] > times[best])) best = r;
  return best;
}

function toCell(value: unknown): RawCell {
  return typeof value === 'number' || typeof value === 'string' ? value : null;
}

/** Sorted hashes as bytes (uint32 little-endian), the training-rows file. */
export function encodeHashes(hashes: Uint32Array): Uint8Array {
  const out = new Uint8Array(hashes.length * 4);
  const view = new DataView(out.buffer);
  hashes.forEach((h, i) => view.setUint32(i * 4, h, true));
  return out;
}

/** Reads what encodeHashes wrote; undefined when the length is not a multiple of 4. */
export function decodeHashes(bytes: Uint8Array): Uint32Array | undefined {
  if (bytes.byteLength % 4 !== 0) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Uint32Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getUint32(i * 4, true));
}
