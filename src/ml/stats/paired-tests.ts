// Significance tests for comparing two models on the same rows. Written by hand rather than taken
// from a package: no small, maintained JS stats library offers an exact Student-t CDF, and the ml/
// layer has no runtime dependencies.
import { gammaQ, logGamma } from '../drift/special-functions';

export interface TestResult {
  statistic: number;
  pValue: number;
}

const EPS = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;

/** Regularised incomplete beta I_x(a, b) (scipy.special.betainc), for a, b > 0 and 0 <= x <= 1. */
export function regularizedBeta(x: number, a: number, b: number): number {
  return incompleteBeta(x, 1 - x, a, b);
}

// Takes 1 - x as well so callers that know it exactly (the t test, where x is close to 1 for large
// df) do not lose its digits to cancellation.
function incompleteBeta(x: number, oneMinusX: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || Number.isNaN(x) || x < 0 || x > 1) return NaN;
  if (x === 0) return 0;
  if (oneMinusX === 0) return 1;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(oneMinusX),
  );
  // The continued fraction converges quickly only for x < (a + 1) / (a + b + 2); beyond it use the
  // symmetry I_x(a, b) = 1 - I_{1-x}(b, a).
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(oneMinusX, b, a)) / b;
}

/** Continued fraction for I_x(a, b) by the modified Lentz method (Numerical Recipes, betacf). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/**
 * Two-sided p-value P(|T| >= |t|) of Student's t with df degrees of freedom:
 * I_{df/(df+t²)}(df/2, 1/2) (2 * scipy.stats.t.sf(|t|, df)).
 */
export function studentTSf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (!Number.isFinite(t)) return 0;
  const t2 = t * t;
  return Math.min(1, incompleteBeta(df / (df + t2), t2 / (df + t2), df / 2, 0.5));
}

/**
 * Paired t test of H0: mean difference = 0 from the sufficient statistics of the differences d_i
 * (n, Σd, Σd²), so totals can be accumulated across runs and tested once (scipy.stats.ttest_rel).
 */
export function pairedTTest(n: number, sumDiff: number, sumDiffSq: number): TestResult {
  if (!(n >= 2)) return { statistic: 0, pValue: 1 };
  const mean = sumDiff / n;
  // Rounding can push a zero variance slightly negative.
  const variance = Math.max(0, (sumDiffSq - n * mean * mean) / (n - 1));
  if (variance === 0) {
    if (mean === 0) return { statistic: 0, pValue: 1 };
    return { statistic: mean > 0 ? Infinity : -Infinity, pValue: 0 };
  }
  const statistic = mean / Math.sqrt(variance / n);
  return { statistic, pValue: studentTSf(statistic, n - 1) };
}

/** Below this many discordant pairs the chi-square approximation is poor, so the exact test is used. */
const MCNEMAR_EXACT_BELOW = 25;

/**
 * McNemar's test on the discordant pairs: b = rows only the first model got right, c = rows only
 * the second got right. Exact two-sided binomial test when b + c < 25 (statistic reported as the
 * uncorrected chi-square), else chi-square with continuity correction on 1 df (statsmodels mcnemar).
 */
export function mcNemarTest(b: number, c: number): TestResult {
  const n = b + c;
  if (!(n > 0)) return { statistic: 0, pValue: 1 };
  if (n < MCNEMAR_EXACT_BELOW) {
    const k = Math.min(b, c);
    let tail = 0;
    let coefficient = 1; // C(n, i)
    for (let i = 0; i <= k; i++) {
      tail += coefficient;
      coefficient = (coefficient * (n - i)) / (i + 1);
    }
    return { statistic: (b - c) ** 2 / n, pValue: Math.min(1, (2 * tail) / 2 ** n) };
  }
  // Clamped so that b == c gives statistic 0 (p = 1) instead of 1 / n.
  const statistic = Math.max(0, Math.abs(b - c) - 1) ** 2 / n;
  return { statistic, pValue: gammaQ(0.5, statistic / 2) };
}
