import { MISSING_BIN } from './bin-mapper';
import type { BinMatrix } from './bin-matrix';
import { countKernel } from './count-kernel';
import { accumulateFeatures, type HistogramJob } from './histogram-kernels';

/** Slots per feature: 255 value bins + the missing bin, each [grad, hess, count] interleaved. */
export const BIN_SLOTS = MISSING_BIN + 1;
export const FEATURE_STRIDE = BIN_SLOTS * 3;

/**
 * Histogram of rows indices[begin..end) over every feature, into hist, on the calling thread.
 * Compiles a kernel per call: for one-off builds; the learner keeps its kernels.
 */
export function buildHistogram(
  hist: Float64Array,
  bins: BinMatrix,
  indices: Uint32Array,
  begin: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  constantHessian: boolean,
  identity = false,
): void {
  accumulateFeatures(
    histogramJob(hist, bins, indices, begin, end, grad, hess, constantHessian, identity),
    countKernel(bins.nFeatures),
  );
}

/** The job for building every feature of rows indices[begin..end). */
export function histogramJob(
  hist: Float64Array,
  bins: BinMatrix,
  indices: Uint32Array,
  begin: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  constantHessian: boolean,
  identity: boolean,
): HistogramJob {
  const constHess = constantHessian && end > begin ? hess[indices[begin]] : -1;
  const nFeatures = bins.nFeatures;
  const n = end - begin;
  return {
    hist,
    bins: bins.data,
    nFeatures,
    indices,
    begin,
    n,
    grad,
    hess,
    constHess,
    stride: FEATURE_STRIDE,
    identity,
    valueBins: bins.valueBins ?? null,
  };
}

/** Sum of slot (0 gradient, 1 hessian, 2 count) over feature 0's bins, which hold every row once. */
export function histogramTotal(hist: Float64Array, slot: number): number {
  let sum = 0;
  for (let s = slot; s < FEATURE_STRIDE; s += 3) sum += hist[s];
  return sum;
}

/**
 * larger = parent - smaller, in place in the parent's buffer (which then belongs to the larger
 * child). With valueBins (per feature), only those bins and the missing bin: the others are 0 in both.
 */
export function subtractHistogram(parent: Float64Array, smaller: Float64Array, valueBins?: Int32Array): void {
  if (!valueBins) {
    for (let i = 0; i < parent.length; i++) parent[i] -= smaller[i];
    return;
  }
  for (let f = 0, base = 0; f < valueBins.length; f++, base += FEATURE_STRIDE) {
    for (let i = base, end = base + valueBins[f] * 3; i < end; i++) parent[i] -= smaller[i];
    for (let i = base + MISSING_BIN * 3; i < base + FEATURE_STRIDE; i++) parent[i] -= smaller[i];
  }
}

/** Reuses histogram buffers across leaves and trees instead of allocating one per leaf. */
export class HistogramPool {
  private readonly free: Float64Array[] = [];

  constructor(private readonly nFeatures: number) {}

  acquire(): Float64Array {
    return this.free.pop() ?? new Float64Array(this.nFeatures * FEATURE_STRIDE);
  }

  release(hist: Float64Array): void {
    this.free.push(hist);
  }
}

/** Fills a leaf's histogram from the rows indices[begin..end) of the partition it was made for. */
export interface HistogramBuilder {
  /** `identity`: the range holds exactly rows 0..end-1 in order (the root without subsampling). */
  build(
    hist: Float64Array,
    begin: number,
    end: number,
    grad: Float64Array,
    hess: Float64Array,
    identity: boolean,
  ): void;
  close(): void;
}
