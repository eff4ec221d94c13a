import type { BinMatrix } from './bin-matrix';
import { blockCount, blockStart, MAX_BLOCKS, MIN_SHARED_SPLIT_ROWS } from './parallel/row-blocks';
import { fillGoesLeft, partitionBlock } from './partition-kernel';

/**
 * Runs the row blocks of one leaf split on several threads: partitionBlock over each block of
 * rows indices[begin..begin+n), left rows compacted in place and right ones into the
 * partition's right array, block c's left count into leftCounts[c].
 */
export interface PartitionRunner {
  partitionBlocks(
    begin: number,
    n: number,
    blocks: number,
    feature: number,
    splitBin: number,
    missingLeft: boolean,
    leftCounts: Int32Array,
  ): void;
}

/**
 * Which rows sit in which leaf: one index array, permuted so that each leaf's rows are a
 * contiguous range [begin, begin + count). Splits are stable, so each range stays ascending
 * and feature columns are read in memory order.
 */
export class DataPartition {
  readonly indices: Uint32Array;
  /** Rows going right, at the positions of the block they came from (left ones stay in place). */
  readonly right: Uint32Array;
  readonly begin: Int32Array;
  readonly count: Int32Array;
  private readonly goesLeft = new Uint8Array(256);
  private readonly leftCounts = new Int32Array(MAX_BLOCKS);
  /** Set when worker threads share the work; null splits on the calling thread. */
  runner: PartitionRunner | null = null;

  /** `allocate` provides the row arrays (e.g. on shared memory for worker threads). */
  constructor(
    nRows: number,
    maxLeaves: number,
    allocate: (length: number) => Uint32Array = (length) => new Uint32Array(length),
  ) {
    this.indices = allocate(nRows);
    this.right = allocate(nRows);
    this.begin = new Int32Array(maxLeaves);
    this.count = new Int32Array(maxLeaves);
  }

  /** Puts every row (or only the bagged rows, ascending) into leaf 0. */
  reset(nRows: number, bag: Uint32Array | null): void {
    if (bag) this.indices.set(bag);
    else for (let i = 0; i < nRows; i++) this.indices[i] = i;
    this.begin[0] = 0;
    this.count[0] = bag ? bag.length : nRows;
  }

  /**
   * Splits leaf's rows: those with bin <= splitBin (and missing ones when missingLeft) stay in
   * `leaf`, the rest move to `newLeaf`. Returns the left count. With a runner, row blocks are
   * split in parallel and their parts concatenated in block order: the same rows in the same
   * order as one pass gives.
   */
  split(
    leaf: number,
    newLeaf: number,
    bins: BinMatrix,
    feature: number,
    splitBin: number,
    missingLeft: boolean,
  ): number {
    const { indices, right, leftCounts } = this;
    const begin = this.begin[leaf];
    const n = this.count[leaf];
    const blocks = this.runner && n >= MIN_SHARED_SPLIT_ROWS ? blockCount(n) : 1;
    if (blocks === 1) {
      fillGoesLeft(this.goesLeft, splitBin, missingLeft);
      const col = bins.columns[feature];
      leftCounts[0] = partitionBlock(indices, col, this.goesLeft, begin, begin + n, indices, right);
    } else {
      this.runner?.partitionBlocks(begin, n, blocks, feature, splitBin, missingLeft, leftCounts);
    }
    let at = begin + leftCounts[0];
    for (let c = 1; c < blocks; c++) {
      const from = begin + blockStart(c, blocks, n);
      indices.copyWithin(at, from, from + leftCounts[c]);
      at += leftCounts[c];
    }
    const nLeft = at - begin;
    for (let c = 0; c < blocks; c++) {
      const from = begin + blockStart(c, blocks, n);
      const to = begin + blockStart(c + 1, blocks, n);
      const nRight = to - from - leftCounts[c];
      indices.set(right.subarray(from, from + nRight), at);
      at += nRight;
    }
    this.count[leaf] = nLeft;
    this.begin[newLeaf] = begin + nLeft;
    this.count[newLeaf] = n - nLeft;
    return nLeft;
  }
}
