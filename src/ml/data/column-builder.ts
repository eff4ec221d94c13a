import { DataError } from '../errors';
import { parseCell, parseDecimalComma } from './cell';
import { rowLabel, type DataColumn } from './table';

const INITIAL_CAPACITY = 1024;

/**
 * Grows one column cell by cell into typed arrays. The number and code arrays are allocated only
 * once a cell of that kind turns up, so a purely numeric column costs 9 bytes per row.
 */
export class ColumnBuilder {
  private capacity = INITIAL_CAPACITY;
  private numbers: Float64Array | null = null;
  private codes: Int32Array | null = null;
  private missing = new Uint8Array(INITIAL_CAPACITY);
  private readonly dictionary: string[] = [];
  private readonly dictionaryIndex = new Map<string, number>();
  private sourceType: 'datetime' | undefined;
  length = 0;
  private missingCount = 0;
  private infiniteCount = 0;
  private numberCount = 0;
  private textCount = 0;
  private firstNumberRow = -1;
  private firstTextRow = -1;

  constructor(readonly name: string) {}

  /** Appends a text cell as found in CSV (or a JSON string): missing, number or text. */
  pushText(text: string): void {
    const value = parseCell(text);
    if (value === null) this.pushMissing();
    else if (typeof value === 'number') this.pushNumber(value);
    else this.pushString(value);
  }

  /** pushText that also reads a decimal comma (`3,5`) as a number: semicolon-separated files. */
  pushTextDecimalComma(text: string): void {
    const value = parseCell(text);
    if (value === null) this.pushMissing();
    else if (typeof value === 'number') this.pushNumber(value);
    else {
      const n = parseDecimalComma(value);
      if (n === null) this.pushString(value);
      else this.pushNumber(n);
    }
  }

  /** Appends a JSON or Parquet value; anything but a scalar is a type error naming the row. */
  pushValue(value: unknown): void {
    if (value === null || value === undefined) this.pushMissing();
    else if (typeof value === 'number') {
      if (Number.isFinite(value)) this.pushNumber(value);
      else {
        // NaN is how pandas writes a missing float; only ±Infinity is a value lost.
        if (!Number.isNaN(value)) this.infiniteCount++;
        this.pushMissing();
      }
    } else if (typeof value === 'string') this.pushText(value);
    else if (typeof value === 'boolean') this.pushString(value ? 'true' : 'false');
    else if (typeof value === 'bigint') this.pushNumber(Number(value));
    else if (value instanceof Date) {
      this.sourceType = 'datetime';
      const ms = value.getTime();
      if (Number.isFinite(ms)) this.pushNumber(ms);
      else this.pushMissing();
    } else {
      throw new DataError(
        'bad_type',
        `Column "${this.name}" holds a nested value (object or list) at ${rowLabel(this.length)}; only scalar values are supported`,
        { column: this.name, row: this.length + 1 },
      );
    }
  }

  pushMissing(): void {
    if (this.length === this.capacity) this.grow();
    this.missing[this.length] = 1;
    if (this.numbers !== null) this.numbers[this.length] = NaN;
    if (this.codes !== null) this.codes[this.length] = -1;
    this.missingCount++;
    this.length++;
  }

  pushNumber(value: number): void {
    if (this.length === this.capacity) this.grow();
    if (this.numbers === null) this.numbers = new Float64Array(this.capacity).fill(NaN);
    this.numbers[this.length] = value;
    if (this.codes !== null) this.codes[this.length] = -1;
    if (this.firstNumberRow < 0) this.firstNumberRow = this.length;
    this.numberCount++;
    this.length++;
  }

  pushString(text: string): void {
    if (this.length === this.capacity) this.grow();
    if (this.numbers !== null) this.numbers[this.length] = NaN;
    if (this.codes === null) this.codes = new Int32Array(this.capacity).fill(-1);
    let code = this.dictionaryIndex.get(text);
    if (code === undefined) {
      code = this.dictionary.length;
      this.dictionary.push(text);
      this.dictionaryIndex.set(text, code);
    }
    this.codes[this.length] = code;
    if (this.firstTextRow < 0) this.firstTextRow = this.length;
    this.textCount++;
    this.length++;
  }

  /** Pads with missing cells up to `rows` (a JSON key that first shows up late). */
  padTo(rows: number): void {
    while (this.length < rows) this.pushMissing();
  }

  /** The finished column, its arrays trimmed to the row count. */
  finish(): DataColumn {
    const n = this.length;
    return {
      name: this.name,
      numbers: this.numbers === null ? null : this.numbers.slice(0, n),
      codes: this.codes === null ? null : this.codes.slice(0, n),
      dictionary: this.dictionary,
      missing: this.missing.slice(0, n),
      missingCount: this.missingCount,
      ...(this.infiniteCount > 0 ? { infiniteCount: this.infiniteCount } : {}),
      numberCount: this.numberCount,
      textCount: this.textCount,
      firstNumberRow: this.firstNumberRow,
      firstTextRow: this.firstTextRow,
      ...(this.sourceType === undefined ? {} : { sourceType: this.sourceType }),
    };
  }

  // Cells past `length` are written by the push that reaches them, so new space needs no fill.
  private grow(): void {
    const capacity = this.capacity * 2;
    this.missing = copyInto(this.missing, new Uint8Array(capacity));
    if (this.numbers !== null) this.numbers = copyInto(this.numbers, new Float64Array(capacity));
    if (this.codes !== null) this.codes = copyInto(this.codes, new Int32Array(capacity));
    this.capacity = capacity;
  }
}

function copyInto<T extends Uint8Array | Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
