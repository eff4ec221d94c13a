import type { accumulateFeatures } from '../histogram-kernels';

/** What each histogram worker is handed once: shared memory only, nothing copied per call. */
export interface WorkerShared {
  readonly bins: Uint8Array;
  readonly nFeatures: number;
  readonly indices: Uint32Array;
  /** Gradients and hessians per output (class), indexed by row. */
  readonly grads: readonly Float64Array[];
  readonly hesses: readonly Float64Array[];
  /** The worker's output histogram (all features; it writes only its own range). */
  readonly scratch: Float64Array;
  /** CTRL_* slots, see below. */
  readonly ctrl: Int32Array;
  /** [0]: constant hessian or -1. */
  readonly constHess: Float64Array;
  readonly stride: number;
}

// Control slots: the main thread bumps SEQ to hand out work; whoever first moves CLAIM from
// SEQ - 1 to SEQ builds the worker's features (the worker, or the main thread if the worker has
// not woken by the time its own share is done); the worker echoes SEQ in DONE.
export const CTRL_SEQ = 0;
export const CTRL_BEGIN = 1;
export const CTRL_COUNT = 2;
export const CTRL_F0 = 3;
export const CTRL_F1 = 4;
export const CTRL_DONE = 5;
export const CTRL_STOP = 6;
export const CTRL_IDENTITY = 7;
export const CTRL_CLAIM = 8;
export const CTRL_OUTPUT = 9;
export const CTRL_SLOTS = 10;

/**
 * Body of a histogram worker thread: sleeps on the control word, builds its feature range when
 * woken unless the main thread already took it, signals done. Self-contained (slot numbers are
 * literals) because it runs from its source text; the threaded build is checked against the
 * serial one in the tests.
 */
export function workerLoop(d: WorkerShared, accumulate: typeof accumulateFeatures): void {
  const { ctrl } = d;
  let seq = 0;
  for (;;) {
    // Spin briefly before sleeping: the next build usually follows within a millisecond, and a
    // sleeping thread on a busy machine wakes late (the same reason OpenMP spins).
    for (let spin = 0; spin < 50_000 && Atomics.load(ctrl, 0) === seq; spin++);
    Atomics.wait(ctrl, 0, seq);
    seq = Atomics.load(ctrl, 0);
    if (ctrl[6] === 1) return;
    if (Atomics.compareExchange(ctrl, 8, seq - 1, seq) !== seq - 1) continue;
    accumulate({
      hist: d.scratch,
      bins: d.bins,
      nFeatures: d.nFeatures,
      f0: ctrl[3],
      f1: ctrl[4],
      indices: d.indices,
      begin: ctrl[1],
      n: ctrl[2],
      grad: d.grads[ctrl[9]],
      hess: d.hesses[ctrl[9]],
      constHess: d.constHess[0],
      stride: d.stride,
      identity: ctrl[7] === 1,
    });
    Atomics.store(ctrl, 5, seq);
    Atomics.notify(ctrl, 5);
  }
}
