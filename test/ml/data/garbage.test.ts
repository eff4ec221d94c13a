import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../../src/ml/data/read-dataset';
import type { DataInput } from '../../../src/ml/data/text-source';
import { DataError } from '../../../src/ml/errors';

// Whatever arrives as a data drop, a reader either returns a table or rejects with a DataError.
function randomBytes(seed: number, n: number, alphabet?: string): Buffer {
  let s = seed;
  const next = (): number => (s = (s * 48271) % 2147483647);
  if (alphabet !== undefined)
    return Buffer.from(Array.from({ length: n }, () => alphabet[next() % alphabet.length]).join(''));
  return Buffer.from(Array.from({ length: n }, () => next() % 256));
}

const parquet = readFileSync(join(__dirname, 'fixtures', 'small.parquet'));
const inputs: [string, Buffer][] = [];
for (let seed = 1; seed <= 20; seed++) {
  inputs.push([`random bytes ${seed}`, randomBytes(seed, 50 + seed * 37)]);
  inputs.push([`csv-ish text ${seed}`, randomBytes(seed, 40 + seed * 23, 'ab1.,"\n\r -NA{}[]:')]);
  const cut = parquet.subarray(0, (seed * 131) % parquet.length);
  const flipped = Buffer.from(parquet);
  flipped[(seed * 97) % (parquet.length - 8)] ^= 0xff;
  inputs.push([`cut parquet ${seed}`, cut], [`flipped parquet ${seed}`, flipped]);
}

describe('readers on garbage', () => {
  it.each(['x.csv', 'x.jsonl', 'x.parquet'])(
    '%s: a table or a DataError, never a raw TypeError',
    async (name) => {
      for (const [label, bytes] of inputs) {
        const outcome = await readDataset(bytes, name).then(
          () => 'table',
          (err: unknown) => err,
        );
        if (outcome !== 'table') expect(outcome, label).toBeInstanceOf(DataError);
      }
    },
  );

  it('refuses an input that is neither bytes nor a stream', async () => {
    const err = await readDataset(42 as unknown as DataInput, 'x.csv').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).message).toBe('The input is neither a stream nor bytes');
  });
});
