/** The CSV field delimiters read: comma, semicolon, tab and pipe, in order of preference. */
export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

// The header and this many records are enough: a delimiter shows on every line.
const RECORDS = 20;

/**
 * The delimiter of a CSV from its first bytes: the candidate found in the header that every
 * following record (quoted fields skipped, a record cut by the end of the sample ignored) holds
 * as often as the header does, the most frequent one if several do; else the one the header
 * holds most; ',' when the header holds none (a single column).
 */
export function detectDelimiter(sample: string): CsvDelimiter {
  const records = countsPerRecord(sample);
  const [header, ...rest] = records;
  if (header === undefined) return ',';
  let best: CsvDelimiter = ',';
  let bestScore = 0;
  CSV_DELIMITERS.forEach((d, k) => {
    const inHeader = header[k];
    if (inHeader === 0) return;
    const consistent = rest.every((r) => r[k] === inHeader);
    // Consistent candidates beat any inconsistent one; then the most fields.
    const score = (consistent ? 1e9 : 0) + inHeader;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  });
  return best;
}

/** Per record of the sample, how often each delimiter occurs outside quotes. */
function countsPerRecord(sample: string): number[][] {
  const out: number[][] = [];
  let counts = [0, 0, 0, 0];
  let quoted = false;
  let blank = true;
  for (let i = 0; i < sample.length && out.length <= RECORDS; i++) {
    const c = sample[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '\n' || c === '\r') {
      if (!blank) out.push(counts);
      counts = [0, 0, 0, 0];
      blank = true;
      continue;
    } else {
      const k = CSV_DELIMITERS.indexOf(c as CsvDelimiter);
      if (k >= 0) counts[k]++;
    }
    if (c !== ' ' && c !== '\ufeff') blank = false;
  }
  // A last record without its line end may be cut short by the sample: count it only when alone.
  if (!blank && out.length === 0) out.push(counts);
  return out;
}
