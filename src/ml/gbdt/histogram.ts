import { MISSING_BIN } from './bin-mapper';

/** Slots per feature: 255 value bins + the missing bin, each [grad, hess, count] interleaved. */
export const BIN_SLOTS = MISSING_BIN + 1;
export const FEATURE_STRIDE = BIN_SLOTS * 3;

/**
 * Sums gradient, hessian and row count per (feature, bin) over rows indices[begin..end), into
 * hist (zeroed first). ordG/ordH are scratch of at least end - begin: gradients are gathered
 * once into leaf order so each feature pass reads them sequentially. With a constant hessian the
 * hessian sums are count x that constant, which saves a gather and a store per row and feature.
 */
export function buildHistogram(
  hist: Float64Array,
  bins: readonly Uint8Array[],
  indices: Uint32Array,
  begin: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  constantHessian: boolean,
  ordG: Float64Array,
  ordH: Float64Array,
): void {
  hist.fill(0);
  const n = end - begin;
  for (let i = 0; i < n; i++) ordG[i] = grad[indices[begin + i]];
  if (constantHessian) {
    for (let f = 0; f < bins.length; f++)
      accumulateGradCount(hist, f * FEATURE_STRIDE, bins[f], indices, begin, n, ordG);
    const h = hess[indices[begin]];
    for (let s = 1; s < hist.length; s += 3) hist[s] = hist[s + 1] * h;
    return;
  }
  for (let i = 0; i < n; i++) ordH[i] = hess[indices[begin + i]];
  for (let f = 0; f < bins.length; f++)
    accumulate(hist, f * FEATURE_STRIDE, bins[f], indices, begin, n, ordG, ordH);
}

function accumulate(
  hist: Float64Array,
  base: number,
  col: Uint8Array,
  indices: Uint32Array,
  begin: number,
  n: number,
  ordG: Float64Array,
  ordH: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const s = base + col[indices[begin + i]] * 3;
    hist[s] += ordG[i];
    hist[s + 1] += ordH[i];
    hist[s + 2] += 1;
  }
}

function accumulateGradCount(
  hist: Float64Array,
  base: number,
  col: Uint8Array,
  indices: Uint32Array,
  begin: number,
  n: number,
  ordG: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const s = base + col[indices[begin + i]] * 3;
    hist[s] += ordG[i];
    hist[s + 2] += 1;
  }
}

/** larger = parent - smaller, in place in the parent's buffer (which then belongs to the larger child). */
export function subtractHistogram(parent: Float64Array, smaller: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i] -= smaller[i];
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
