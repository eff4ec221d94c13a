import { TAXI_DEMAND_COLUMNS, type TaxiDemandRow } from './taxi-demand';

export type OutputFormat = 'csv' | 'jsonl';

/** Header line for a CSV of generated rows. */
export function csvHeader(): string {
  return TAXI_DEMAND_COLUMNS.join(',') + '\n';
}

/** One row as a CSV line; no field needs quoting (no commas or quotes in generated values). */
export function toCsvLine(row: TaxiDemandRow): string {
  return TAXI_DEMAND_COLUMNS.map((column) => String(row[column])).join(',') + '\n';
}

/** One row as a JSON Lines line. */
export function toJsonLine(row: TaxiDemandRow): string {
  return JSON.stringify(row) + '\n';
}

/** Renders generated rows as one string, for tests and small uploads. */
export function renderRows(rows: Iterable<TaxiDemandRow>, format: OutputFormat): string {
  const parts = format === 'csv' ? [csvHeader()] : [];
  for (const row of rows) parts.push(format === 'csv' ? toCsvLine(row) : toJsonLine(row));
  return parts.join('');
}
