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
 * Builds histograms with the calling thread and nThreads - 1 workers claiming chunks of
 * features as they go, so nobody waits for a thread the scheduler has not run yet; workers sleep
 * on Atomics between builds and the learner stays synchronous. Each feature is summed by one
 * thread in row order, so the result is bit-identical to the serial build. bins, indices and
 * every gradient and hessian array must live on SharedArrayBuffers.
 */
export class ThreadedHistogram implements HistogramBuilder {
  private readonly workers: Worker[] = [];
  private readonly scratch: Float64Array[] = [];
  private readonly ctrl = new Int32Array(new SharedArrayBuffer(C.CTRL_SLOTS * 4));
  private readonly owner: Int32Array;
  private readonly constHess = sharedArray(Float64Array, 1);
  private readonly chunks: number;
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
    // About two features per chunk (row-major bins favour several per pass); at most 254 so
    // the ticket's chunk byte cannot carry into its sequence bits.
    this.chunks = Math.min(254, Math.max(nThreads, Math.ceil(nFeatures / 2)));
    this.owner = new Int32Array(new SharedArrayBuffer(this.chunks * 4));
    const source = [
      `const { workerData } = require('node:worker_threads');`,
      ...kernelSources(),
      `(${C.workerLoop.toString()})(workerData, accumulateFeatures);`,
    ].join('\n');
    for (let t = 1; t < nThreads; t++) {
      const scratch = sharedArray(Float64Array, nFeatures * FEATURE_STRIDE);
      const d: C.WorkerShared = {
        bins: bins.data,
        nFeatures,
        indices,
        grads,
        hesses,
        scratch,
        ctrl: this.ctrl,
        owner: this.owner,
        constHess: this.constHess,
        stride: FEATURE_STRIDE,
        id: t,
      };
      const worker = new Worker(source, { eval: true, workerData: d });
      worker.unref();
      this.workers.push(worker);
      this.scratch.push(scratch);
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
    const { ctrl, chunks, owner } = this;
    const nFeatures = job.nFeatures;
    const seq = ++this.seq;
    const tag = (seq & 0x7fffff) << 8;
    this.constHess[0] = job.constHess;
    ctrl[C.CTRL_BEGIN] = begin;
    ctrl[C.CTRL_COUNT] = job.n;
    ctrl[C.CTRL_CHUNKS] = chunks;
    ctrl[C.CTRL_IDENTITY] = identity ? 1 : 0;
    ctrl[C.CTRL_OUTPUT] = output;
    Atomics.store(ctrl, C.CTRL_FINISHED, 0);
    Atomics.store(ctrl, C.CTRL_TICKET, tag);
    Atomics.store(ctrl, C.CTRL_SEQ, seq);
    Atomics.notify(ctrl, C.CTRL_SEQ);
    for (;;) {
      const c = (Atomics.add(ctrl, C.CTRL_TICKET, 1) & 255) as number;
      if (c >= chunks) break;
      accumulateFeatures({
        ...job,
        f0: Math.floor((c * nFeatures) / chunks),
        f1: Math.floor(((c + 1) * nFeatures) / chunks),
      });
      owner[c] = 0;
      Atomics.add(ctrl, C.CTRL_FINISHED, 1);
    }
    // Wait only for chunks a worker is still building.
    for (let spin = 0; spin < 50_000 && Atomics.load(ctrl, C.CTRL_FINISHED) < chunks; spin++);
    for (
      let done = Atomics.load(ctrl, C.CTRL_FINISHED);
      done < chunks;
      done = Atomics.load(ctrl, C.CTRL_FINISHED)
    ) {
      Atomics.wait(ctrl, C.CTRL_FINISHED, done);
    }
    for (let c = 0; c < chunks; c++) {
      if (owner[c] === 0) continue;
      const from = Math.floor((c * nFeatures) / chunks) * FEATURE_STRIDE;
      const to = Math.floor(((c + 1) * nFeatures) / chunks) * FEATURE_STRIDE;
      hist.set(this.scratch[owner[c] - 1].subarray(from, to), from);
    }
  }

  close(): void {
    Atomics.store(this.ctrl, C.CTRL_STOP, 1);
    Atomics.store(this.ctrl, C.CTRL_SEQ, ++this.seq);
    Atomics.notify(this.ctrl, C.CTRL_SEQ);
    for (const worker of this.workers) void worker.terminate();
  }
}
