// The hot loops of histogram building. Self-contained on purpose (no imports, no module
// constants): the worker threads run these very functions from their source text.

/** One histogram build over a range of features, as the calling thread or a worker runs it. */
export interface HistogramJob {
  readonly hist: Float64Array;
  readonly bins: readonly Uint8Array[];
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
  /** The rows are exactly 0..n-1 (the root without subsampling): bins are read in order. */
  readonly identity: boolean;
}

/** Sums [grad, hess, count] per bin for the job's features, zeroing their slots first. */
export function accumulateFeatures(job: HistogramJob): void {
  const { hist, bins, indices, begin, n, ordG, ordH, constHess, stride, identity } = job;
  for (let f = job.f0; f < job.f1; f++) {
    const base = f * stride;
    hist.fill(0, base, base + stride);
    const col = bins[f];
    if (identity && constHess >= 0) {
      for (let i = 0; i < n; i++) {
        const s = base + col[i] * 3;
        hist[s] += ordG[i];
        hist[s + 2] += 1;
      }
    } else if (identity) {
      for (let i = 0; i < n; i++) {
        const s = base + col[i] * 3;
        hist[s] += ordG[i];
        hist[s + 1] += ordH[i];
        hist[s + 2] += 1;
      }
    } else if (constHess >= 0) {
      for (let i = 0; i < n; i++) {
        const s = base + col[indices[begin + i]] * 3;
        hist[s] += ordG[i];
        hist[s + 2] += 1;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const s = base + col[indices[begin + i]] * 3;
        hist[s] += ordG[i];
        hist[s + 1] += ordH[i];
        hist[s + 2] += 1;
      }
    }
    if (constHess >= 0) for (let s = base + 1; s < base + stride; s += 3) hist[s] = hist[s + 1] * constHess;
  }
}
