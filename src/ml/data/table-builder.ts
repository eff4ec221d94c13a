import { DataError } from '../errors';
import { ColumnBuilder } from './column-builder';
import { DEFAULT_MAX_COLUMNS, type DataFormat, type DataTable, type ReadLimits } from './table';

/** Collects columns row by row, enforcing the row limit and the empty / no-rows rules. */
export class TableBuilder {
  readonly columns: ColumnBuilder[] = [];
  private readonly byName = new Map<string, ColumnBuilder>();
  rowCount = 0;

  constructor(
    private readonly format: DataFormat,
    private readonly limits: ReadLimits,
  ) {}

  /** Adds a column padded with padRows missing cells; a duplicate name makes the file ambiguous, so it is refused. */
  addColumn(name: string, padRows = this.rowCount): ColumnBuilder {
    if (this.byName.has(name)) {
      throw new DataError('corrupt', `Column "${name}" appears twice in the header`, { column: name });
    }
    // Each new column is padded to the rows read so far: without a cap, a JSON Lines file with a
    // new key per line costs rows x keys.
    const maxColumns = this.limits.maxColumns ?? DEFAULT_MAX_COLUMNS;
    if (this.columns.length >= maxColumns) {
      throw new DataError(
        'too_large',
        `The file has more than ${maxColumns} columns (limit MAX_DATASET_COLUMNS=${maxColumns}); column ${maxColumns + 1} is "${name}"`,
        { limit: maxColumns, column: name, ...(padRows > 0 && { row: padRows + 1 }) },
      );
    }
    const builder = new ColumnBuilder(name);
    builder.padTo(padRows);
    this.columns.push(builder);
    this.byName.set(name, builder);
    return builder;
  }

  column(name: string): ColumnBuilder | undefined {
    return this.byName.get(name);
  }

  /** Counts one more row; past maxRows the file is refused before it is read any further. */
  beginRow(): void {
    if (this.rowCount >= this.limits.maxRows) {
      throw new DataError(
        'too_large',
        `The file has more than ${this.limits.maxRows} rows (limit maxRows=${this.limits.maxRows})`,
        { limit: this.limits.maxRows, row: this.rowCount + 1 },
      );
    }
    this.rowCount++;
  }

  /** Closes the table; no columns at all is 'empty', columns but no data rows is 'no_rows'. */
  finish(): DataTable {
    if (this.columns.length === 0) throw new DataError('empty', 'The file is empty: no header and no rows');
    if (this.rowCount === 0) {
      throw new DataError(
        'no_rows',
        `The file has a header (${this.columns.length} columns) but no data rows`,
      );
    }
    for (const c of this.columns) c.padTo(this.rowCount);
    return { format: this.format, rowCount: this.rowCount, columns: this.columns.map((c) => c.finish()) };
  }
}
