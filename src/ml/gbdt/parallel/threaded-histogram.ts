import { Worker } from 'node:worker_threads';
import type { BinMatrix } from '../bin-matrix';
import { FEATURE_STRIDE, histogramJob, type HistogramBuilder } from '../histogram';
import { accumulateFeatures, kernelSources } from '../histogram-kernels';
import * as C from './worker-loop';

/** Below this many (row x feature) cells a leaf's histogram is built on the calling thread. */
const MIN_PARALLEL_CELLS = 200_000;

/** Allocates a typed array on shared memory, so worker threads see the same bytes. */
export function sharedArray<T extends Uint8Array | Uint32Array | Float64Array>(
  Type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new Type(new SharedArrayBuffer(Math.max(1, length) * Type.BYTES_PER_ELEMENT));
}

/**
 * Builds histograms with feature ranges split over the calling thread and nThreads - 1 workers,
 * which sleep on Atomics between calls so the learner stays synchronous. Each feature is summed
 * by one thread in the same row order, so the result is bit-identical to the serial build.
 * bins, indices and every gradient and hessian array must live on SharedArrayBuffers.
 */
export class ThreadedHistogram implements HistogramBuilder {
  private readonly workers: Worker[] = [];
  private readonly shared: C.WorkerShared[] = [];
  private readonly ranges: [number, number][];
  private seq = 0;

  constructor(
    private readonly bins: BinMatrix,
    private readonly indices: Uint32Array,
    private readonly grads: readonly Float64Array[],
    hesses: readonly Float64Array[],
    private readonly constantHessian: boolean,
    nThreads: number,
  ) {
    const nFeatures = bins.nFeatures;
    this.ranges = Array.from({ length: nThreads }, (_, t) => [
      Math.floor((t * nFeatures) / nThreads),
      Math.floor(((t + 1) * nFeatures) / nThreads),
    ]);
    const source = [
      `const { workerData } = require('node:worker_threads');`,
      ...kernelSources(),
      `(${C.workerLoop.toString()})(workerData, accumulateFeatures);`,
    ].join('\n');
    for (let t = 1; t < nThreads; t++) {
      const d: C.WorkerShared = {
        bins: bins.data,
        nFeatures,
        indices,
        grads,
        hesses,
        scratch: sharedArray(Float64Array, nFeatures * FEATURE_STRIDE),
        ctrl: new Int32Array(new SharedArrayBuffer(C.CTRL_SLOTS * 4)),
        constHess: sharedArray(Float64Array, 1),
        stride: FEATURE_STRIDE,
      };
      const worker = new Worker(source, { eval: true, workerData: d });
      worker.unref();
      this.workers.push(worker);
      this.shared.push(d);
    }
  }

  build(
    hist: Float64Array,
    begin: number,
    end: number,
    grad: Float64Array,
    hess: Float64Array,
    identity: boolean,
  ): void {
    const job = histogramJob(
      hist,
      this.bins,
      this.indices,
      begin,
      end,
      grad,
      hess,
      this.constantHessian,
      identity,
    );
    if (job.n * job.nFeatures < MIN_PARALLEL_CELLS) return accumulateFeatures(job);
    const output = this.grads.indexOf(grad);
    if (output < 0)
      throw new Error('ThreadedHistogram: gradients not on the shared arrays it was built with');
    const seq = ++this.seq;
    for (let w = 0; w < this.shared.length; w++) {
      const { ctrl } = this.shared[w];
      this.shared[w].constHess[0] = job.constHess;
      ctrl[C.CTRL_BEGIN] = begin;
      ctrl[C.CTRL_COUNT] = job.n;
      ctrl[C.CTRL_F0] = this.ranges[w + 1][0];
      ctrl[C.CTRL_F1] = this.ranges[w + 1][1];
      ctrl[C.CTRL_IDENTITY] = identity ? 1 : 0;
      ctrl[C.CTRL_OUTPUT] = output;
      Atomics.store(ctrl, C.CTRL_SEQ, seq);
      Atomics.notify(ctrl, C.CTRL_SEQ);
    }
    accumulateFeatures({ ...job, f0: this.ranges[0][0], f1: this.ranges[0][1] });
    for (let w = 0; w < this.shared.length; w++) {
      const { ctrl, scratch } = this.shared[w];
      const [w0, w1] = this.ranges[w + 1];
      // On a busy machine the worker may not have woken yet: then build its share here rather
      // than wait for the scheduler (same kernel, same row order, same sums).
      if (Atomics.compareExchange(ctrl, C.CTRL_CLAIM, seq - 1, seq) === seq - 1) {
        accumulateFeatures({ ...job, f0: w0, f1: w1 });
        continue;
      }
      for (let spin = 0; spin < 50_000 && Atomics.load(ctrl, C.CTRL_DONE) !== seq; spin++);
      for (let done = Atomics.load(ctrl, C.CTRL_DONE); done !== seq; done = Atomics.load(ctrl, C.CTRL_DONE)) {
        Atomics.wait(ctrl, C.CTRL_DONE, done);
      }
      hist.set(scratch.subarray(w0 * FEATURE_STRIDE, w1 * FEATURE_STRIDE), w0 * FEATURE_STRIDE);
    }
  }

  close(): void {
    for (let w = 0; w < this.shared.length; w++) {
      const { ctrl } = this.shared[w];
      ctrl[C.CTRL_STOP] = 1;
      Atomics.store(ctrl, C.CTRL_SEQ, ++this.seq);
      Atomics.notify(ctrl, C.CTRL_SEQ);
      void this.workers[w].terminate();
    }
  }
}
