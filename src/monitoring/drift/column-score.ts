import { chiSquaredTest } from '../../ml/drift/chi-squared';
import { jensenShannonDistance } from '../../ml/drift/jensen-shannon';
import { psi } from '../../ml/drift/psi';
import { kolmogorovSf } from '../../ml/drift/special-functions';
import { normalisedWasserstein } from '../../ml/drift/wasserstein';
import type { ColumnAccumulator } from './column-accumulator';
import type { ColumnDrift } from './drift-report';

/**
 * Drift of an accumulated column at `threshold` (spec default 0.1): normalised Wasserstein
 * (numeric) or Jensen-Shannon distance (categorical) decides; PSI and the KS / chi-squared
 * p-value are reported alongside.
 */
export function scoreColumn(acc: ColumnAccumulator, threshold: number): ColumnDrift {
  const profile = acc.profile;
  if (profile.type === 'numeric') {
    const ref = profile.counts;
    const score = normalisedWasserstein(profile.quantiles, acc.reservoir, profile.std);
    return {
      metric: 'wasserstein',
      score,
      threshold,
      drifted: score >= threshold,
      psi: psi(ref, acc.counts),
      pValue: binnedKsPValue(ref, acc.counts),
      pValueTest: 'ks',
    };
  }
  let ref = [...profile.categories.map((c) => c.count), profile.other];
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
    metric: 'jensen_shannon',
    score,
    threshold,
    drifted: score >= threshold,
    psi: psi(ref, cur),
    pValue: chiSquaredTest(cur, expected).pValue,
    pValueTest: 'chi_squared',
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
