import type { Random } from './random';

/** Exactly floor(fraction x n) distinct row indices in ascending order (selection sampling). */
export function sampleRows(n: number, fraction: number, rng: Random): Uint32Array {
  const want = Math.max(1, Math.floor(fraction * n));
  const out = new Uint32Array(want);
  let taken = 0;
  for (let i = 0; i < n && taken < want; i++) {
    if (rng.next() * (n - i) < want - taken) out[taken++] = i;
  }
  return out;
}

/** Seeded split of 0..n-1 into a held-out fold of round(fraction x n) rows and the rest, both ascending. */
export function holdOutRows(
  n: number,
  fraction: number,
  rng: Random,
): { train: Uint32Array; valid: Uint32Array } {
  const valid = sampleRows(n, fraction, rng);
  const train = new Uint32Array(n - valid.length);
  let v = 0;
  let t = 0;
  for (let i = 0; i < n; i++) {
    if (v < valid.length && valid[v] === i) v++;
    else train[t++] = i;
  }
  return { train, valid };
}
