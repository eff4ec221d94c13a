import type { accumulateFeatures, CountKernel } from '../histogram-kernels';
import type { fillGoesLeft, partitionBlock } from '../partition-kernel';

/** What each histogram worker is handed once: shared memory only, nothing copied per call. */
export interface WorkerShared {
  readonly bins: Uint8Array;
  readonly nFeatures: number;
  readonly indices: Uint32Array;
  /** Gradients and hessians per output (class), indexed by row. */
  readonly grads: readonly Float64Array[];
  readonly hesses: readonly Float64Array[];
  /** One histogram (all features) per row block, shared by every thread. */
  readonly partials: readonly Float64Array[];
  /** Slots shared by every thread, see CTRL_*. */
  readonly ctrl: Int32Array;
  /** [0]: constant hessian or -1. */
  readonly constHess: Float64Array;
  readonly stride: number;
  /** Bins column by column, and the partition's row arrays, for splitting leaves. */
  readonly columns: readonly Uint8Array[];
  readonly right: Uint32Array;
  /** Rows each partition block sent left. */
  readonly leftCounts: Int32Array;
  /** Value bins per feature (see HistogramJob), or null. */
  readonly valueBins: Int32Array | null;
}

/** The kernels a worker runs, compiled in the worker from their source text. */
export interface WorkerKernels {
  readonly accumulate: typeof accumulateFeatures;
  readonly count: CountKernel;
  readonly partition: typeof partitionBlock;
  readonly fillGoesLeft: typeof fillGoesLeft;
}

// Control slots. The calling thread publishes a job (params, then SEQ): a histogram build
// (KIND 0) or a leaf split (KIND 1, on FEATURE at SPLITBIN); every thread then claims row
// blocks from TICKET, which packs the build's sequence number (high bits) with the
// next block (low 8 bits), so a late worker can never claim a block of a newer build; FINISHED
// counts built blocks.
export const CTRL_SEQ = 0;
export const CTRL_BEGIN = 1;
export const CTRL_COUNT = 2;
export const CTRL_BLOCKS = 3;
export const CTRL_TICKET = 4;
export const CTRL_FINISHED = 5;
export const CTRL_STOP = 6;
export const CTRL_IDENTITY = 7;
export const CTRL_OUTPUT = 8;
export const CTRL_KIND = 9;
export const CTRL_FEATURE = 10;
export const CTRL_SPLITBIN = 11;
export const CTRL_MISSINGLEFT = 12;
/** How many workers are (about to be) asleep in Atomics.wait on SEQ. */
export const CTRL_SLEEPING = 13;
export const CTRL_SLOTS = 14;

/**
 * Body of a histogram worker thread: sleeps (after a short spin) until a build is published,
 * runs row blocks (histogram or split) while any are left, then sleeps again. Self-contained (slot numbers are
 * literals, block bounds inlined from row-blocks.ts) because it runs from its source text; the
 * threaded build is checked against the single-thread one in the tests.
 */
export function workerLoop(d: WorkerShared, k: WorkerKernels): void {
  const { ctrl, nFeatures } = d;
  const goesLeft = new Uint8Array(256);
  let seq = 0;
  for (;;) {
    // The next build usually follows within a millisecond; a sleeping thread wakes late.
    for (let spin = 0; spin < 20_000 && Atomics.load(ctrl, 0) === seq; spin++);
    // Counted before the wait re-reads SEQ, so a publisher that sees 0 here has published a SEQ
    // this wait returns on at once (both sides use sequentially consistent atomics).
    Atomics.add(ctrl, 13, 1);
    Atomics.wait(ctrl, 0, seq);
    Atomics.sub(ctrl, 13, 1);
    seq = Atomics.load(ctrl, 0);
    if (ctrl[6] === 1) return;
    const tag = (seq & 0x7fffff) << 8;
    for (;;) {
      const ticket = Atomics.load(ctrl, 4);
      const blocks = ctrl[3];
      if ((ticket & ~255) !== tag || (ticket & 255) >= blocks) break;
      if (Atomics.compareExchange(ctrl, 4, ticket, ticket + 1) !== ticket) continue;
      const c = ticket & 255;
      const n = ctrl[2];
      const r0 = Math.floor((c * n) / blocks);
      const r1 = Math.floor(((c + 1) * n) / blocks);
      const begin = ctrl[1];
      if (ctrl[9] === 1) {
        k.fillGoesLeft(goesLeft, ctrl[11], ctrl[12] === 1);
        const col = d.columns[ctrl[10]];
        d.leftCounts[c] = k.partition(d.indices, col, goesLeft, begin + r0, begin + r1, d.indices, d.right);
      } else {
        const job = {
          hist: d.partials[c],
          bins: d.bins,
          nFeatures,
          indices: d.indices,
          begin: begin + r0,
          n: r1 - r0,
          grad: d.grads[ctrl[8]],
          hess: d.hesses[ctrl[8]],
          constHess: d.constHess[0],
          stride: d.stride,
          identity: ctrl[7] === 1,
          valueBins: d.valueBins,
        };
        k.accumulate(job, k.count);
      }
      Atomics.add(ctrl, 5, 1);
      Atomics.notify(ctrl, 5);
    }
  }
}
