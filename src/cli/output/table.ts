/** A column of a plain-text table: its heading and how a row shows in it. */
export interface Column<T> {
  heading: string;
  value: (row: T) => string | number | boolean | undefined | null;
  /** Right-align (numbers). */
  right?: boolean;
}

/**
 * Renders rows as an aligned text table: headings, a dashed rule, one line per row. No colour,
 * so it reads the same in any terminal, a pipe or a log; empty cells show as "-".
 */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) =>
    columns.map((c) => {
      const v = c.value(row);
      return v === undefined || v === null || v === '' ? '-' : String(v);
    }),
  );
  const widths = columns.map((c, i) => Math.max(c.heading.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => (columns[i]!.right ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((c) => c.heading)),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
  ].join('\n');
}

/** Metrics as `name=value` pairs with 4 significant digits. */
export function formatMetrics(metrics: Record<string, unknown> | undefined): string {
  if (!metrics) return '';
  return Object.entries(metrics)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => `${k}=${Number((v as number).toPrecision(4))}`)
    .join(' ');
}
