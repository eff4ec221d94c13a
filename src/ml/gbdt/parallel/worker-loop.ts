import type { accumulateFeatures } from '../histogram-kernels';

/** What each histogram worker is handed once: shared memory only, nothing copied per call. */
export interface WorkerShared {
  readonly bins: Uint8Array;
  readonly nFeatures: number;
  readonly indices: Uint32Array;
  /** Gradients and hessians per output (class), indexed by row. */
  readonly grads: readonly Float64Array[];
  readonly hesses: readonly Float64Array[];
  /** This worker's output histogram (all features; it writes only the chunks it claims). */
  readonly scratch: Float64Array;
  /** Slots shared by every thread, see CTRL_*. */
  readonly ctrl: Int32Array;
  /** Which thread built each chunk of features: 0 the calling thread, w + 1 worker w. */
  readonly owner: Int32Array;
  /** [0]: constant hessian or -1. */
  readonly constHess: Float64Array;
  readonly stride: number;
  /** 1-based id written into owner. */
  readonly id: number;
}

// Control slots. The calling thread publishes a build (params, then SEQ); every thread then
// claims chunks of features from TICKET, which packs the build's sequence number (high bits)
// with the next chunk (low 8 bits), so a late worker can never claim a chunk of a newer build;
// FINISHED counts built chunks.
export const CTRL_SEQ = 0;
export const CTRL_BEGIN = 1;
export const CTRL_COUNT = 2;
export const CTRL_CHUNKS = 3;
export const CTRL_TICKET = 4;
export const CTRL_FINISHED = 5;
export const CTRL_STOP = 6;
export const CTRL_IDENTITY = 7;
export const CTRL_OUTPUT = 8;
export const CTRL_SLOTS = 9;

/**
 * Body of a histogram worker thread: sleeps (after a short spin) until a build is published,
 * builds chunks of features while any are left, then sleeps again. Self-contained (slot numbers
 * are literals) because it runs from its source text; the threaded build is checked against the
 * serial one in the tests.
 */
export function workerLoop(d: WorkerShared, accumulate: typeof accumulateFeatures): void {
  const { ctrl, nFeatures } = d;
  let seq = 0;
  for (;;) {
    // The next build usually follows within a millisecond; a sleeping thread wakes late.
    for (let spin = 0; spin < 50_000 && Atomics.load(ctrl, 0) === seq; spin++);
    Atomics.wait(ctrl, 0, seq);
    seq = Atomics.load(ctrl, 0);
    if (ctrl[6] === 1) return;
    const tag = (seq & 0x7fffff) << 8;
    for (;;) {
      const ticket = Atomics.load(ctrl, 4);
      const chunks = ctrl[3];
      if ((ticket & ~255) !== tag || (ticket & 255) >= chunks) break;
      if (Atomics.compareExchange(ctrl, 4, ticket, ticket + 1) !== ticket) continue;
      const c = ticket & 255;
      accumulate({
        hist: d.scratch,
        bins: d.bins,
        nFeatures,
        f0: Math.floor((c * nFeatures) / chunks),
        f1: Math.floor(((c + 1) * nFeatures) / chunks),
        indices: d.indices,
        begin: ctrl[1],
        n: ctrl[2],
        grad: d.grads[ctrl[8]],
        hess: d.hesses[ctrl[8]],
        constHess: d.constHess[0],
        stride: d.stride,
        identity: ctrl[7] === 1,
      });
      d.owner[c] = d.id;
      Atomics.add(ctrl, 5, 1);
      Atomics.notify(ctrl, 5);
    }
  }
}
