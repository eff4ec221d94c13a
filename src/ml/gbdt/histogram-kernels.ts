// The hot loops of histogram building. Self-contained on purpose (no imports, no module
// constants): the worker threads run these very functions from their source text.

/** One histogram build over every feature, as the calling thread or a worker runs it. */
export interface HistogramJob {
  readonly hist: Float64Array;
  /** Row-major bins: row r, feature f at r * nFeatures + f. */
  readonly bins: Uint8Array;
  readonly nFeatures: number;
  /** Rows indices[begin..begin+n). */
  readonly indices: Uint32Array;
  readonly begin: number;
  readonly n: number;
  /** Per-row gradients and hessians, indexed by row. */
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  /** >= 0: every hessian equals it, so only gradients and counts are summed; -1 otherwise. */
  readonly constHess: number;
  /** Slots per feature in hist (256 bins x [grad, hess, count]). */
  readonly stride: number;
  /** The rows are exactly begin..begin+n-1 (the root without subsampling): no index lookup. */
  readonly identity: boolean;
  /**
   * Value bins per feature, or null for all 255: only those and the missing bin (255) can hold
   * rows, so only they are cleared and written (bike sharing's 12 features use 2 to 89 bins).
   */
  readonly valueBins: Int32Array | null;
}

/** Sums gradients into g[f * 256 + bin] and counts into c[f * 256 + bin] for the given rows. */
export type SumRows = (
  g: Float64Array,
  c: Uint32Array,
  bins: Uint8Array,
  indices: Uint32Array,
  begin: number,
  n: number,
  grad: Float64Array,
  identity: boolean,
) => void;

/** A thread's gradient-and-count kernel and its own compact scratch (about 30 KB at 10 features). */
export interface CountKernel {
  readonly sumRows: SumRows;
  readonly g: Float64Array;
  readonly c: Uint32Array;
}

/**
 * Fills the job's histogram. With a constant hessian only gradients and counts are summed, into
 * compact scratch that stays in L1 (the interleaved [grad, hess, count] layout does not), and
 * spread into hist at the end.
 */
export function accumulateFeatures(job: HistogramJob, kernel: CountKernel): void {
  const { hist, nFeatures, constHess, stride, valueBins } = job;
  if (constHess < 0) return accumulateGradHess(job);
  const { g, c } = kernel;
  // Scratch past a feature's value bins is never written (no row has such a bin), so it stays 0.
  for (let f = 0; f < nFeatures; f++) {
    const k = f * 256;
    g.fill(0, k, k + (valueBins ? valueBins[f] : 255));
    g[k + 255] = 0;
    c.fill(0, k, k + (valueBins ? valueBins[f] : 255));
    c[k + 255] = 0;
  }
  kernel.sumRows(g, c, job.bins, job.indices, job.begin, job.n, job.grad, job.identity);
  for (let f = 0; f < nFeatures; f++) {
    const used = valueBins ? valueBins[f] : 255;
    for (let b = 0, s = f * stride, k = f * 256; b < 256; b++, s += 3, k++) {
      if (b === used) {
        b = 255;
        s = f * stride + 255 * 3;
        k = f * 256 + 255;
      }
      hist[s] = g[k];
      hist[s + 1] = c[k] * constHess;
      hist[s + 2] = c[k];
    }
  }
}

function accumulateGradHess(job: HistogramJob): void {
  const { hist, bins, nFeatures, indices, begin, n, grad, hess, stride, identity } = job;
  hist.fill(0, 0, nFeatures * stride);
  for (let i = 0; i < n; i++) {
    const r = identity ? begin + i : indices[begin + i];
    const row = r * nFeatures;
    const g = grad[r];
    const h = hess[r];
    for (let k = 0, base = 0; k < nFeatures; k++, base += stride) {
      const s = base + bins[row + k] * 3;
      hist[s] += g;
      hist[s + 1] += h;
      hist[s + 2] += 1;
    }
  }
}

/** Source text of the kernels (entry point accumulateFeatures), for the workers' script. */
export function kernelSources(): string[] {
  return [accumulateFeatures, accumulateGradHess].map((fn) => fn.toString());
}
