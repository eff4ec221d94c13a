import { Worker } from 'node:worker_threads';
import type { BinMatrix } from '../bin-matrix';
import { countKernel, sumRowsSource } from '../count-kernel';
import type { DataPartition, PartitionRunner } from '../data-partition';
import { FEATURE_STRIDE, histogramJob, type HistogramBuilder } from '../histogram';
import { accumulateFeatures, kernelSources, type CountKernel, type HistogramJob } from '../histogram-kernels';
import { fillGoesLeft, partitionBlock } from '../partition-kernel';
import { blockCount, blockStart, MAX_BLOCKS, MIN_SHARED_CELLS } from './row-blocks';
import { sharedArray } from './shared-array';
import * as C from './worker-loop';

/**
 * Runs histogram builds and leaf splits in row blocks (see row-blocks.ts): the calling thread
 * and nThreads - 1 workers claim blocks as they go. Each histogram block is summed into its own
 * partial histogram and the partials are added in block order, so the model is bit-identical
 * for every thread count (nThreads = 1 sums the same blocks the same way); split blocks are
 * concatenated in block order, which is exactly the one-pass split. Splitting by rows reads each
 * row's bins once; the former split by features read the row-major bins once per chunk of
 * features (1.6x the CPU of one thread on 2 busy cores). A thread the scheduler has not run yet
 * leaves its blocks to the others; workers sleep on Atomics between jobs. For nThreads > 1 the
 * bins (both layouts), the partition's arrays and every gradient and hessian array must live on
 * SharedArrayBuffers.
 */
export class BlockThreads implements HistogramBuilder, PartitionRunner {
  private readonly workers: Worker[] = [];
  private readonly partials: Float64Array[] = [];
  private readonly ctrl = new Int32Array(new SharedArrayBuffer(C.CTRL_SLOTS * 4));
  private readonly constHess = sharedArray(Float64Array, 1);
  private readonly leftCounts = new Int32Array(new SharedArrayBuffer(MAX_BLOCKS * 4));
  private readonly goesLeft = new Uint8Array(256);
  private readonly kernel: CountKernel;
  private seq = 0;

  constructor(
    private readonly bins: BinMatrix,
    private readonly partition: DataPartition,
    private readonly grads: readonly Float64Array[],
    hesses: readonly Float64Array[],
    private readonly constantHessian: boolean,
    nThreads: number,
  ) {
    const nFeatures = bins.nFeatures;
    this.kernel = countKernel(nFeatures);
    for (let c = 0; c < MAX_BLOCKS; c++) {
      const size = nFeatures * FEATURE_STRIDE;
      this.partials.push(nThreads > 1 ? sharedArray(Float64Array, size) : new Float64Array(size));
    }
    if (nThreads <= 1) return;
    partition.runner = this;
    const source = [
      `const { workerData } = require('node:worker_threads');`,
      ...kernelSources(),
      partitionBlock.toString(),
      fillGoesLeft.toString(),
      `const count = { sumRows: ${sumRowsSource(nFeatures)}, g: new Float64Array(${nFeatures * 256}), c: new Uint32Array(${nFeatures * 256}) };`,
      `(${C.workerLoop.toString()})(workerData, { accumulate: accumulateFeatures, count, partition: partitionBlock, fillGoesLeft });`,
    ].join('\n');
    const d: C.WorkerShared = {
      bins: bins.data,
      nFeatures,
      indices: partition.indices,
      grads,
      hesses,
      partials: this.partials,
      ctrl: this.ctrl,
      constHess: this.constHess,
      stride: FEATURE_STRIDE,
      columns: bins.columns,
      right: partition.right,
      leftCounts: this.leftCounts,
      valueBins: bins.valueBins ?? null,
    };
    for (let t = 1; t < nThreads; t++) {
      const worker = new Worker(source, { eval: true, workerData: d });
      worker.unref();
      this.workers.push(worker);
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
    const { bins, partition, constantHessian } = this;
    const job = histogramJob(
      hist,
      bins,
      partition.indices,
      begin,
      end,
      grad,
      hess,
      constantHessian,
      identity,
    );
    const blocks = blockCount(job.n);
    if (blocks === 1) return accumulateFeatures(job, this.kernel);
    if (this.workers.length > 0 && job.n * job.nFeatures >= MIN_SHARED_CELLS) {
      const output = this.grads.indexOf(grad);
      if (output < 0) throw new Error('BlockThreads: gradients not on the shared arrays it was built with');
      this.constHess[0] = job.constHess;
      this.ctrl[C.CTRL_IDENTITY] = identity ? 1 : 0;
      this.ctrl[C.CTRL_OUTPUT] = output;
      this.run(0, begin, job.n, blocks, job);
    } else {
      for (let c = 0; c < blocks; c++) this.histogramBlock(job, c, blocks);
    }
    const { partials } = this;
    hist.set(partials[0]);
    for (let c = 1; c < blocks; c++) {
      const p = partials[c];
      for (let s = 0; s < hist.length; s++) hist[s] += p[s];
    }
  }

  partitionBlocks(
    begin: number,
    n: number,
    blocks: number,
    feature: number,
    splitBin: number,
    missingLeft: boolean,
    leftCounts: Int32Array,
  ): void {
    fillGoesLeft(this.goesLeft, splitBin, missingLeft);
    this.ctrl[C.CTRL_FEATURE] = feature;
    this.ctrl[C.CTRL_SPLITBIN] = splitBin;
    this.ctrl[C.CTRL_MISSINGLEFT] = missingLeft ? 1 : 0;
    this.run(1, begin, n, blocks, null);
    leftCounts.set(this.leftCounts.subarray(0, blocks));
  }

  /** Publishes a job of `kind` to the workers, runs blocks until none is left, waits for the rest. */
  private run(kind: number, begin: number, n: number, blocks: number, job: HistogramJob | null): void {
    const ctrl = this.ctrl;
    const seq = ++this.seq;
    ctrl[C.CTRL_KIND] = kind;
    ctrl[C.CTRL_BEGIN] = begin;
    ctrl[C.CTRL_COUNT] = n;
    ctrl[C.CTRL_BLOCKS] = blocks;
    Atomics.store(ctrl, C.CTRL_FINISHED, 0);
    Atomics.store(ctrl, C.CTRL_TICKET, (seq & 0x7fffff) << 8);
    Atomics.store(ctrl, C.CTRL_SEQ, seq);
    // A worker still spinning sees SEQ change by itself; waking a sleeping one is a system call.
    if (Atomics.load(ctrl, C.CTRL_SLEEPING) > 0) Atomics.notify(ctrl, C.CTRL_SEQ);
    for (;;) {
      const c = Atomics.add(ctrl, C.CTRL_TICKET, 1) & 255;
      if (c >= blocks) break;
      if (job) this.histogramBlock(job, c, blocks);
      else this.partitionBlock(begin, n, c, blocks);
      Atomics.add(ctrl, C.CTRL_FINISHED, 1);
    }
    // Wait only for blocks a worker is still running: a short spin, then sleep.
    for (let spin = 0; spin < 20_000 && Atomics.load(ctrl, C.CTRL_FINISHED) < blocks; spin++);
    for (
      let done = Atomics.load(ctrl, C.CTRL_FINISHED);
      done < blocks;
      done = Atomics.load(ctrl, C.CTRL_FINISHED)
    ) {
      Atomics.wait(ctrl, C.CTRL_FINISHED, done);
    }
  }

  private histogramBlock(job: HistogramJob, c: number, blocks: number): void {
    const r0 = blockStart(c, blocks, job.n);
    const r1 = blockStart(c + 1, blocks, job.n);
    accumulateFeatures({ ...job, hist: this.partials[c], begin: job.begin + r0, n: r1 - r0 }, this.kernel);
  }

  private partitionBlock(begin: number, n: number, c: number, blocks: number): void {
    const { partition } = this;
    const col = this.bins.columns[this.ctrl[C.CTRL_FEATURE]];
    const from = begin + blockStart(c, blocks, n);
    const to = begin + blockStart(c + 1, blocks, n);
    this.leftCounts[c] = partitionBlock(
      partition.indices,
      col,
      this.goesLeft,
      from,
      to,
      partition.indices,
      partition.right,
    );
  }

  close(): void {
    if (this.workers.length === 0) return;
    this.partition.runner = null;
    Atomics.store(this.ctrl, C.CTRL_STOP, 1);
    Atomics.store(this.ctrl, C.CTRL_SEQ, ++this.seq);
    Atomics.notify(this.ctrl, C.CTRL_SEQ);
    for (const worker of this.workers) void worker.terminate();
  }
}
