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
 * split, about 0.4 ms of work: waking a sleeping thread costs tens of microseconds on an idle
 * core and more on a busy one (sharing every multi-block job took 12% of the calling thread's
 * profile at load 4.8). Smaller jobs run their blocks on the calling thread: same bits.
 */
export const MIN_SHARED_CELLS = 500_000;
export const MIN_SHARED_SPLIT_ROWS = 100_000;
