import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/ml/random';
import {
  addPair,
  addTotals,
  emptyTotals,
  judgePairs,
  type PairedErrorMetric,
  type PairedErrorTotals,
} from '../../../src/ml/stats/paired-errors';

// Reference values computed once with mpmath (equal to scipy.stats.ttest_rel on the per-row errors).
const actual = [3.0, 1.5, 4.2, 2.8, 5.1, 0.7, 3.3, 2.2];
const production = [2.5, 1.9, 4.0, 3.5, 4.6, 1.2, 3.0, 2.9];
const challenger = [2.9, 1.4, 4.5, 2.6, 5.3, 0.9, 3.1, 2.0];

function totalsOf(
  metric: PairedErrorMetric,
  ys: readonly (number | string)[],
  ps: readonly (number | string)[],
  cs: readonly (number | string)[],
  from = 0,
  to = ys.length,
): PairedErrorTotals {
  const t = emptyTotals();
  for (let i = from; i < to; i++) addPair(t, metric, ys[i], ps[i], cs[i]);
  return t;
}

function expectTotalsClose(a: PairedErrorTotals, b: PairedErrorTotals): void {
  expect(a.rows).toBe(b.rows);
  expect(a.productionOnlyRight).toBe(b.productionOnlyRight);
  expect(a.challengerOnlyRight).toBe(b.challengerOnlyRight);
  for (const key of ['productionError', 'challengerError', 'sumDiff', 'sumDiffSq'] as const)
    expect(a[key]).toBeCloseTo(b[key], 9);
}

/** 300 rows where the challenger's residuals have half the spread of production's. */
function regressionRows(seed: number) {
  const rand = seededRandom(seed);
  const noise = () => rand() + rand() + rand() - 1.5;
  const ys: number[] = [];
  const ps: number[] = [];
  const cs: number[] = [];
  for (let i = 0; i < 300; i++) {
    const y = 10 * rand();
    ys.push(y);
    ps.push(y + 2 * noise());
    cs.push(y + noise());
  }
  return { ys, ps, cs };
}

/** 300 rows: production right about 75% of the time, the challenger about 90%. */
function classificationRows(seed: number) {
  const rand = seededRandom(seed);
  const labels = ['a', 'b', 'c'];
  const ys: string[] = [];
  const ps: string[] = [];
  const cs: string[] = [];
  const wrong = (y: string) => labels[(labels.indexOf(y) + 1) % labels.length];
  for (let i = 0; i < 300; i++) {
    const y = labels[Math.floor(rand() * labels.length)];
    ys.push(y);
    ps.push(rand() < 0.75 ? y : wrong(y));
    cs.push(rand() < 0.9 ? y : wrong(y));
  }
  return { ys, ps, cs };
}

describe('addPair', () => {
  it('sums absolute errors and their differences', () => {
    const t = totalsOf('absolute_error', actual, production, challenger);
    expect(t.rows).toBe(8);
    expect(t.productionError).toBeCloseTo(3.8, 12);
    expect(t.challengerError).toBeCloseTo(1.5, 12);
    expect(t.sumDiff).toBeCloseTo(2.3, 12);
    expect(t.productionOnlyRight).toBe(0);
    expect(t.challengerOnlyRight).toBe(0);
  });

  it('squares errors for squared_error', () => {
    const t = emptyTotals();
    addPair(t, 'squared_error', 3, 1, 2.5);
    expect(t).toEqual({
      ...emptyTotals(),
      rows: 1,
      productionError: 4,
      challengerError: 0.25,
      sumDiff: 3.75,
      sumDiffSq: 14.0625,
    });
  });

  it('counts 0/1 errors and discordant pairs for error_rate, comparing as strings', () => {
    const t = emptyTotals();
    addPair(t, 'error_rate', 'yes', 'yes', 'no'); // only production right
    addPair(t, 'error_rate', 1, '1', 0); // only production right
    addPair(t, 'error_rate', 'no', 'yes', 'no'); // only challenger right
    addPair(t, 'error_rate', 'no', 'no', 'no'); // both right
    addPair(t, 'error_rate', 'no', 'yes', 'maybe'); // both wrong
    expect(t).toEqual({
      rows: 5,
      productionError: 2,
      challengerError: 3,
      sumDiff: -1,
      sumDiffSq: 3,
      productionOnlyRight: 2,
      challengerOnlyRight: 1,
    });
  });
});

describe('addTotals', () => {
  it('is the identity with emptyTotals', () => {
    const t = totalsOf('absolute_error', actual, production, challenger);
    expect(addTotals(t, emptyTotals())).toEqual(t);
  });

  it.each(['absolute_error', 'squared_error'] as const)(
    'two halves equal all rows at once (%s)',
    (metric) => {
      const { ys, ps, cs } = regressionRows(11);
      const all = totalsOf(metric, ys, ps, cs);
      const halves = addTotals(totalsOf(metric, ys, ps, cs, 0, 137), totalsOf(metric, ys, ps, cs, 137));
      expectTotalsClose(halves, all);
      const a = judgePairs(halves, metric, 0.05);
      const b = judgePairs(all, metric, 0.05);
      expect(a.better).toBe(b.better);
      expect(a.statistic).toBeCloseTo(b.statistic, 8);
      expect(a.pValue / b.pValue).toBeCloseTo(1, 6);
    },
  );

  it('two halves equal all rows at once (error_rate)', () => {
    const { ys, ps, cs } = classificationRows(12);
    const all = totalsOf('error_rate', ys, ps, cs);
    const halves = addTotals(
      totalsOf('error_rate', ys, ps, cs, 0, 150),
      totalsOf('error_rate', ys, ps, cs, 150),
    );
    expect(halves).toEqual(all);
    expect(judgePairs(halves, 'error_rate', 0.05)).toEqual(judgePairs(all, 'error_rate', 0.05));
  });
});

describe('judgePairs', () => {
  it('runs a paired t test on absolute errors', () => {
    const v = judgePairs(totalsOf('absolute_error', actual, production, challenger), 'absolute_error', 0.05);
    expect(v.test).toBe('paired_t');
    expect(v.statistic / 4.003786086981051).toBeCloseTo(1, 9);
    expect(v.pValue / 0.005164966868807357).toBeCloseTo(1, 7);
    expect(v.productionError).toBeCloseTo(0.475, 12);
    expect(v.challengerError).toBeCloseTo(0.1875, 12);
    expect(v.better).toBe('challenger');
  });

  it('runs a paired t test on squared errors', () => {
    const v = judgePairs(totalsOf('squared_error', actual, production, challenger), 'squared_error', 0.05);
    expect(v.test).toBe('paired_t');
    expect(v.statistic / 3.4675847221718605).toBeCloseTo(1, 9);
    expect(v.pValue / 0.01043991720273762).toBeCloseTo(1, 7);
    expect(v.productionError).toBeCloseTo(0.2525, 12);
    expect(v.challengerError).toBeCloseTo(0.03875, 12);
    expect(v.better).toBe('challenger');
    // Significant at 5% but not at 1%.
    expect(
      judgePairs(totalsOf('squared_error', actual, production, challenger), 'squared_error', 0.01).better,
    ).toBe('neither');
  });

  it('names production when the roles are swapped', () => {
    const v = judgePairs(totalsOf('absolute_error', actual, challenger, production), 'absolute_error', 0.05);
    expect(v.statistic / -4.003786086981051).toBeCloseTo(1, 9);
    expect(v.better).toBe('production');
  });

  it('runs McNemar on error_rate', () => {
    // 10 rows only production got right, 2 only the challenger: exact p = 0.03857421875.
    const t = emptyTotals();
    for (let i = 0; i < 10; i++) addPair(t, 'error_rate', 'a', 'a', 'b');
    for (let i = 0; i < 2; i++) addPair(t, 'error_rate', 'a', 'b', 'a');
    for (let i = 0; i < 8; i++) addPair(t, 'error_rate', 'a', 'a', 'a');
    const v = judgePairs(t, 'error_rate', 0.05);
    expect(v).toEqual({
      test: 'mcnemar',
      statistic: 64 / 12,
      pValue: 0.03857421875,
      productionError: 0.1,
      challengerError: 0.5,
      better: 'production',
    });
  });

  it.each(['absolute_error', 'squared_error'] as const)(
    'judges a clearly better challenger (%s)',
    (metric) => {
      const { ys, ps, cs } = regressionRows(7);
      const v = judgePairs(totalsOf(metric, ys, ps, cs), metric, 0.05);
      expect(v.challengerError).toBeLessThan(v.productionError);
      expect(v.pValue).toBeLessThan(1e-6);
      expect(v.statistic).toBeGreaterThan(0);
      expect(v.better).toBe('challenger');
    },
  );

  it('judges a clearly better challenger (error_rate)', () => {
    const { ys, ps, cs } = classificationRows(7);
    const v = judgePairs(totalsOf('error_rate', ys, ps, cs), 'error_rate', 0.05);
    expect(v.test).toBe('mcnemar');
    expect(v.challengerError).toBeLessThan(v.productionError);
    expect(v.pValue).toBeLessThan(1e-3);
    expect(v.better).toBe('challenger');
  });

  it.each(['absolute_error', 'squared_error'] as const)(
    'identical predictions are neither, p = 1 (%s)',
    (metric) => {
      const { ys, ps } = regressionRows(3);
      const v = judgePairs(totalsOf(metric, ys, ps, ps), metric, 0.05);
      expect(v.statistic).toBe(0);
      expect(v.pValue).toBe(1);
      expect(v.productionError).toBe(v.challengerError);
      expect(v.better).toBe('neither');
    },
  );

  it('identical predictions are neither, p = 1 (error_rate)', () => {
    const { ys, ps } = classificationRows(3);
    const v = judgePairs(totalsOf('error_rate', ys, ps, ps), 'error_rate', 0.05);
    expect(v).toMatchObject({ test: 'mcnemar', statistic: 0, pValue: 1, better: 'neither' });
  });

  it('gives no verdict without rows', () => {
    expect(judgePairs(emptyTotals(), 'absolute_error', 0.05)).toEqual({
      test: 'paired_t',
      statistic: 0,
      pValue: 1,
      productionError: 0,
      challengerError: 0,
      better: 'neither',
    });
    expect(judgePairs(emptyTotals(), 'error_rate', 0.05)).toMatchObject({
      test: 'mcnemar',
      pValue: 1,
      better: 'neither',
    });
  });
});
