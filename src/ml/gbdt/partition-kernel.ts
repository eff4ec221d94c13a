// The hot loop of splitting a leaf. Self-contained on purpose (no imports): worker threads run
// this very function from its source text.

/**
 * Stable split of rows idx[from..to): rows whose bin in col goes left (goesLeft[bin] === 1) are
 * written in order to left[from..], the others to right[from..]. Returns how many went left.
 * left may be idx itself (compaction in place: a row is written no later than it is read).
 * Branch-free: every row is written to both sides and only one cursor advances, since which
 * side a row takes is a coin flip to the branch predictor (a branch measured 3.5x slower).
 */
export function partitionBlock(
  idx: Uint32Array,
  col: Uint8Array,
  goesLeft: Uint8Array,
  from: number,
  to: number,
  left: Uint32Array,
  right: Uint32Array,
): number {
  let l = from;
  let r = from;
  for (let i = from; i < to; i++) {
    const row = idx[i];
    const side = goesLeft[col[row]];
    left[l] = row;
    right[r] = row;
    l += side;
    r += side ^ 1;
  }
  return l - from;
}

/** goesLeft[bin] for a split at splitBin: 1 for bins <= splitBin, and for bin 255 (missing) when missingLeft. */
export function fillGoesLeft(goesLeft: Uint8Array, splitBin: number, missingLeft: boolean): void {
  for (let b = 0; b < 255; b++) goesLeft[b] = b <= splitBin ? 1 : 0;
  goesLeft[255] = missingLeft ? 1 : 0;
}
