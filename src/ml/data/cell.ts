/**
 * Texts read as a missing value, in every format: the usual spellings of "not available".
 * Matches pandas' defaults for the common ones; "None" is included because Python exports write it,
 * and "?" because many public data sets (the UCI repository's among them) mark missing cells so.
 */
export const MISSING_TOKENS: ReadonlySet<string> = new Set([
  '',
  'NA',
  'N/A',
  'n/a',
  'NaN',
  'nan',
  'null',
  'NULL',
  'None',
  '#N/A',
  '?',
]);

/**
 * Reads one text cell: null when missing, a finite number when the whole (trimmed) text is one,
 * else the trimmed text. "Infinity" stays text. The one parser for training files and serving
 * requests, so both see the same value.
 */
export function parseCell(text: string): number | string | null {
  const len = text.length;
  if (len === 0) return null;
  const c = text.charCodeAt(0);
  if (c <= 32 || text.charCodeAt(len - 1) <= 32) {
    const trimmed = text.trim();
    return trimmed.length === len ? textOrMissing(trimmed) : parseCell(trimmed);
  }
  if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
    const n = Number(text);
    if (Number.isFinite(n)) return n;
  }
  return textOrMissing(text);
}

function textOrMissing(text: string): string | null {
  return MISSING_TOKENS.has(text) ? null : text;
}

const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/**
 * A number written with a decimal comma (`3,5`, `-0,25`), as semicolon-separated files from
 * much of Europe write them; null for anything else (thousands separators included).
 */
export function parseDecimalComma(text: string): number | null {
  return DECIMAL_COMMA.test(text) ? Number(text.replace(',', '.')) : null;
}
