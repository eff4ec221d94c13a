/** Fewest rows per block: below this a block's zeroing and merging cost more than they save. */
export const BLOCK_ROWS = 16_384;
/** Most blocks per build: enough for a thread that wakes late to find work left. */
export const MAX_BLOCKS = 8;

/**
 * How many row blocks a histogram of n rows is built in. It depends on n alone, never on the
 * thread count: blocks are summed in block order, so every thread count gives the same bits.
 */
export function blockCount(n: number): number {
  return Math.max(1, Math.min(MAX_BLOCKS, Math.floor(n / BLOCK_ROWS)));
}

/** First row (relative to the build's begin) of block c of nBlocks over n rows. */
export function blockStart(c: number, nBlocks: number, n: number): number {
  return Math.floor((c * n) / nBlocks);
}

/**
 * Least work handed to the workers, in cells (rows x features) for a histogram and rows for a
 * split: waking a thread costs more than smaller jobs take (on 2 busy cores the wake-up took
 * 12% of the calling thread's profile when every multi-block job was shared). Smaller jobs run
 * their blocks on the calling thread, which gives the same bits.
 */
export const MIN_SHARED_CELLS = 1_000_000;
export const MIN_SHARED_SPLIT_ROWS = 200_000;
