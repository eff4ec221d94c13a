import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { detectDelimiter } from '../../ml/data/detect-delimiter';

/** Rows read from a file: column names in file order and one record per row. */
export interface FileRows {
  columns: string[];
  records: Record<string, unknown>[];
  /** A semicolon CSV: its numbers may be written with a decimal comma (3,5), as training reads them. */
  decimalComma?: boolean;
}

/**
 * Reads rows to score from a .csv (header line; delimiter `,` `;` tab or `|`, detected as
 * training detects it) or a .json file (a list of row
 * objects, or `{"rows": [...]}`). Throws one line naming the file for a missing, empty or
 * unreadable file. CSV values stay strings here; `castRecords` types them by the model's inputs.
 */
export function readRows(file: string): FileRows {
  if (!existsSync(file) || !statSync(file).isFile()) throw new Error(`file not found: ${file}`);
  const text = readFileSync(file, 'utf8');
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return jsonRows(file, text);
  if (ext !== '.csv') throw new Error(`${file}: expected a .csv or .json file`);
  let records: Record<string, string>[];
  const delimiter = detectDelimiter(text.slice(0, 64 * 1024));
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, bom: true, trim: true, delimiter });
  } catch (error) {
    throw new Error(`${file}: not readable as CSV: ${(error as Error).message}`, { cause: error });
  }
  if (records.length === 0) {
    throw new Error(`${file} is empty: expected a header line and at least one row`);
  }
  const columns = Object.keys(records[0]!);
  return delimiter === ';' ? { columns, records, decimalComma: true } : { columns, records };
}

function jsonRows(file: string, text: string): FileRows {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`, { cause: error });
  }
  const list = Array.isArray(value) ? value : (value as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(list)) throw new Error(`${file}: expected a list of row objects or {"rows": [...]}`);
  if (list.length === 0) throw new Error(`${file} is empty: expected at least one row`);
  const bad = list.findIndex((r) => typeof r !== 'object' || r === null || Array.isArray(r));
  if (bad >= 0) throw new Error(`${file}: row ${bad} is not an object of column values`);
  const records = list as Record<string, unknown>[];
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  return { columns, records };
}
