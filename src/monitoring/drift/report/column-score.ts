import { chiSquaredTest } from '../../../ml/drift/chi-squared';
import { jensenShannonDistance } from '../../../ml/drift/jensen-shannon';
import { psi } from '../../../ml/drift/psi';
import { kolmogorovSf } from '../../../ml/drift/special-functions';
import { normalisedWasserstein } from '../../../ml/drift/wasserstein';
import type { ColumnProfile } from '../../../ml/profile/types';
import type { ColumnAccumulator } from './column-accumulator';
import type { ColumnDrift } from './drift-report';

/** How one column is scored: its reference, the drift threshold and the fewest readable values. */
export interface ScoreOptions {
  /** The training profile's column, or an earlier window's distribution on the same bins. */
  readonly reference: ColumnProfile;
  /** Spec default 0.1. */
  readonly threshold: number;
  /** Fewer readable values (in the window or the reference) give no score. */
  readonly minSamples: number;
  /** Wasserstein is normalised by the training standard deviation whatever the reference. */
  readonly trainingStd?: number;
}

/**
 * Drift of an accumulated column: normalised Wasserstein (numeric) or Jensen-Shannon distance
 * (categorical) decides; PSI and the KS / chi-squared p-value are reported alongside. A window or
 * reference with fewer than `minSamples` readable values gets null scores and the reason.
 */
export function scoreColumn(acc: ColumnAccumulator, options: ScoreOptions): ColumnDrift {
  const { reference, threshold, minSamples } = options;
  const current = acc.current();
  const numeric = reference.type === 'numeric';
  const frame = {
    metric: numeric ? 'wasserstein' : 'jensen_shannon',
    threshold,
    pValueTest: numeric ? ('ks' as const) : ('chi_squared' as const),
    current,
  };
  const short =
    acc.count < minSamples
      ? `only ${acc.count} readable values in the window, fewer than minSamples (${minSamples})`
      : reference.count < minSamples
        ? `only ${reference.count} readable values in the reference, fewer than minSamples (${minSamples})`
        : undefined;
  if (short !== undefined) {
    return { ...frame, score: null, drifted: false, psi: null, pValue: null, reason: short };
  }
  if (reference.type === 'numeric') {
    const ref = reference.counts;
    const score = normalisedWasserstein(
      reference.quantiles,
      acc.reservoir,
      options.trainingStd ?? reference.std,
    );
    return {
      ...frame,
      score,
      drifted: score >= threshold,
      psi: psi(ref, acc.counts),
      pValue: binnedKsPValue(ref, acc.counts),
    };
  }
  let ref = [...reference.categories.map((c) => c.count), reference.other];
  let cur = acc.counts;
  // The "other" bucket only counts when either side has something in it.
  if (ref[ref.length - 1] === 0 && cur[cur.length - 1] === 0) {
    ref = ref.slice(0, -1);
    cur = cur.slice(0, -1);
  }
  const score = jensenShannonDistance(shares(ref), shares(cur));
  const refTotal = sum(ref);
  const curTotal = sum(cur);
  // An empty reference bucket gets a 1e-4 share so an unseen category is strong drift, not Infinity.
  const expected = ref.map((c) => Math.max(c / refTotal, 1e-4) * curTotal);
  return {
    ...frame,
    score,
    drifted: score >= threshold,
    psi: psi(ref, cur),
    pValue: chiSquaredTest(cur, expected).pValue,
  };
}

/** KS p-value from the two histograms' CDFs at the shared bin edges (n, m = the true counts). */
function binnedKsPValue(ref: readonly number[], cur: readonly number[]): number {
  const n = sum(ref);
  const m = sum(cur);
  if (n === 0 || m === 0) return NaN;
  let a = 0;
  let b = 0;
  let d = 0;
  for (let i = 0; i < ref.length; i++) {
    a += ref[i];
    b += cur[i];
    d = Math.max(d, Math.abs(a / n - b / m));
  }
  return kolmogorovSf(d * Math.sqrt((n * m) / (n + m)));
}

function shares(counts: readonly number[]): number[] {
  const total = sum(counts);
  return counts.map((c) => (total === 0 ? 0 : c / total));
}

function sum(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0);
}
