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
  /** Gradients and hessians already gathered in leaf order (ordG[i] is row indices[begin+i]). */
  readonly ordG: Float64Array;
  readonly ordH: Float64Array;
  /** >= 0: every hessian equals it, so only gradients and counts are summed; -1 otherwise. */
  readonly constHess: number;
  /** Slots per feature in hist. */
  readonly stride: number;
  /** The rows are exactly 0..n-1 (the root without subsampling): no index lookup. */
  readonly identity: boolean;
}

/** Sums [grad, hess, count] per bin for the job's features, zeroing their slots first. */
export function accumulateFeatures(job: HistogramJob): void {
  const { hist, bins, nFeatures, f0, f1, indices, begin, n, ordG, ordH, constHess, stride, identity } = job;
  hist.fill(0, f0 * stride, f1 * stride);
  const first = f0 * stride;
  const width = f1 - f0;
  if (constHess >= 0) {
    for (let i = 0; i < n; i++) {
      const row = (identity ? i : indices[begin + i]) * nFeatures + f0;
      const g = ordG[i];
      for (let k = 0, base = first; k < width; k++, base += stride) {
        const s = base + bins[row + k] * 3;
        hist[s] += g;
        hist[s + 2] += 1;
      }
    }
    for (let s = first + 1; s < f1 * stride; s += 3) hist[s] = hist[s + 1] * constHess;
    return;
  }
  for (let i = 0; i < n; i++) {
    const row = (identity ? i : indices[begin + i]) * nFeatures + f0;
    const g = ordG[i];
    const h = ordH[i];
    for (let k = 0, base = first; k < width; k++, base += stride) {
      const s = base + bins[row + k] * 3;
      hist[s] += g;
      hist[s + 1] += h;
      hist[s + 2] += 1;
    }
  }
}
