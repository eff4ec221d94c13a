// The hot loops of histogram building. Self-contained on purpose (no imports, no module
// constants): the worker threads run these very functions from their source text.

/** One histogram build over a range of features, as the calling thread or a worker runs it. */
export interface HistogramJob {
  readonly hist: Float64Array;
  /** Row-major bins: row r, feature f at r * nFeatures + f. */
  readonly bins: Uint8Array;
  readonly nFeatures: number;
  /** Features f0..f1-1 are built; other slots of hist are left alone. */
  readonly f0: number;
  readonly f1: number;
  /** Rows indices[begin..begin+n). */
  readonly indices: Uint32Array;
  readonly begin: number;
  readonly n: number;
  /** Per-row gradients and hessians, indexed by row. */
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  /** >= 0: every hessian equals it, so only gradients and counts are summed; -1 otherwise. */
  readonly constHess: number;
  /** Slots per feature in hist. */
  readonly stride: number;
  /** The rows are exactly begin..begin+n-1 (the root without subsampling): no index lookup. */
  readonly identity: boolean;
}

/**
 * Sums [grad, hess, count] per bin for the job's features, zeroing their slots first. One pass
 * over the rows, all features of a row at once (one cache line of bins, one gradient load);
 * features go four at a time so the independent updates overlap.
 */
export function accumulateFeatures(job: HistogramJob): void {
  const { hist, f0, f1, constHess, stride } = job;
  hist.fill(0, f0 * stride, f1 * stride);
  if (constHess >= 0) {
    accumulateGradCount(job);
    for (let s = f0 * stride + 1; s < f1 * stride; s += 3) hist[s] = hist[s + 1] * constHess;
  } else {
    accumulateGradHess(job);
  }
}

function accumulateGradCount(job: HistogramJob): void {
  const { hist, bins, nFeatures, f0, f1, indices, begin, n, grad, stride, identity } = job;
  const width = f1 - f0;
  const quads = width - (width % 4);
  for (let i = 0; i < n; i++) {
    const r = identity ? begin + i : indices[begin + i];
    const row = r * nFeatures + f0;
    const g = grad[r];
    let k = 0;
    let base = f0 * stride;
    for (; k < quads; k += 4, base += 4 * stride) {
      const s0 = base + bins[row + k] * 3;
      const s1 = base + stride + bins[row + k + 1] * 3;
      const s2 = base + 2 * stride + bins[row + k + 2] * 3;
      const s3 = base + 3 * stride + bins[row + k + 3] * 3;
      hist[s0] += g;
      hist[s0 + 2] += 1;
      hist[s1] += g;
      hist[s1 + 2] += 1;
      hist[s2] += g;
      hist[s2 + 2] += 1;
      hist[s3] += g;
      hist[s3 + 2] += 1;
    }
    for (; k < width; k++, base += stride) {
      const s = base + bins[row + k] * 3;
      hist[s] += g;
      hist[s + 2] += 1;
    }
  }
}

function accumulateGradHess(job: HistogramJob): void {
  const { hist, bins, nFeatures, f0, f1, indices, begin, n, grad, hess, stride, identity } = job;
  const width = f1 - f0;
  for (let i = 0; i < n; i++) {
    const r = identity ? begin + i : indices[begin + i];
    const row = r * nFeatures + f0;
    const g = grad[r];
    const h = hess[r];
    for (let k = 0, base = f0 * stride; k < width; k++, base += stride) {
      const s = base + bins[row + k] * 3;
      hist[s] += g;
      hist[s + 1] += h;
      hist[s + 2] += 1;
    }
  }
}

/** Source text of the kernels (entry point accumulateFeatures), for the workers' script. */
export function kernelSources(): string[] {
  return [accumulateFeatures, accumulateGradCount, accumulateGradHess].map((fn) => fn.toString());
}
