/**
 * A growing byte buffer for building many short lines without a string per line: ASCII text
 * (numbers) is stored a byte at a time, which for a few characters beats a native encode call.
 */
export class ByteWriter {
  private out: Buffer;
  private at = 0;

  constructor(capacity: number) {
    this.out = Buffer.allocUnsafe(Math.max(64, capacity));
  }

  /** Appends bytes. */
  bytes(piece: Uint8Array): void {
    this.ensure(piece.length);
    this.out.set(piece, this.at);
    this.at += piece.length;
  }

  /**
   * Appends `source[start .. end)` without a view object; a row's JSON is short enough that a
   * loop beats a native copy call.
   */
  range(source: Uint8Array, start: number, end: number): void {
    const n = end - start;
    this.ensure(n);
    const out = this.out;
    const at = this.at - start;
    for (let k = start; k < end; k++) out[at + k] = source[k]!;
    this.at += n;
  }

  /** Appends text known to be ASCII (numbers, JSON of numbers). */
  ascii(text: string): void {
    const n = text.length;
    this.ensure(n);
    const out = this.out;
    const at = this.at;
    for (let k = 0; k < n; k++) out[at + k] = text.charCodeAt(k);
    this.at = at + n;
  }

  /** Appends any text as UTF-8. */
  text(value: string): void {
    this.ensure(Buffer.byteLength(value, 'utf8'));
    this.at += this.out.write(value, this.at, 'utf8');
  }

  /** What was written (a view, no copy). */
  result(): Buffer {
    return this.out.subarray(0, this.at);
  }

  private ensure(n: number): void {
    if (this.at + n <= this.out.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.out.length * 2, this.at + n));
    this.out.copy(grown, 0, 0, this.at);
    this.out = grown;
  }
}
