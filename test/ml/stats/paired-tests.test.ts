import { describe, expect, it } from 'vitest';
import { mcNemarTest, pairedTTest, regularizedBeta, studentTSf } from '../../../src/ml/stats/paired-tests';

// Reference values computed once with mpmath at 40 digits (betainc, gammainc, binomial) from the
// definitions scipy.special.betainc, scipy.stats.t.sf and statsmodels' mcnemar use; the tests need
// no Python.
const relClose = (actual: number, expected: number, digits = 6) =>
  expect(actual / expected).toBeCloseTo(1, digits);

describe('regularizedBeta', () => {
  it.each([
    [0.3, 2, 3, 0.3483],
    [0.9, 0.5, 0.5, 0.7951672353008665],
    [0.5, 10, 10, 0.5],
    [0.01, 1.5, 20, 0.06120371478345901],
    [0.999, 50, 2, 0.9987659096068829],
    [0.2, 200, 300, 8.175330430038793e-25],
  ])('I_%s(%s, %s) = betainc', (x, a, b, expected) => {
    relClose(regularizedBeta(x, a, b), expected, 9);
  });

  it('is 0 and 1 at the ends and NaN outside its domain', () => {
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
    expect(regularizedBeta(-0.1, 2, 3)).toBeNaN();
    expect(regularizedBeta(0.5, 0, 3)).toBeNaN();
  });
});

describe('studentTSf', () => {
  it.each([
    [2.0, 10, 0.07338803477074037],
    [1.96, 1e6, 0.04999606758526979],
    [0.5, 3, 0.651447964848151],
    [1, 1, 0.5],
    [3.5, 25, 0.001765495314356957],
    [-2.5, 7, 0.040992218585752895],
    [10, 4, 0.0005620036227159911],
    [0.1, 200, 0.920444492504321],
    [30, 50, 1.2380022795987266e-33],
    [2.0, 0.5, 0.44551489018313123],
  ])('t = %s, df = %s', (t, df, expected) => {
    relClose(studentTSf(t, df), expected, 7);
  });

  it('is symmetric, 1 at t = 0 and 0 at infinity', () => {
    expect(studentTSf(-1.3, 9)).toBeCloseTo(studentTSf(1.3, 9), 14);
    expect(studentTSf(0, 5)).toBe(1);
    expect(studentTSf(Infinity, 5)).toBe(0);
    expect(studentTSf(1, 0)).toBeNaN();
  });
});

describe('pairedTTest', () => {
  const d = [0.5, 1.2, -0.3, 0.8, 0.1, 0.9, 0.4, -0.2];
  const sum = d.reduce((s, v) => s + v, 0);
  const sumSq = d.reduce((s, v) => s + v * v, 0);

  it('matches ttest_rel on the differences', () => {
    const r = pairedTTest(d.length, sum, sumSq);
    relClose(r.statistic, 2.2517050070105746, 9);
    relClose(r.pValue, 0.05904942200368042, 8);
  });

  it('changes the sign of the statistic, not the p-value, with the differences', () => {
    const r = pairedTTest(d.length, -sum, sumSq);
    relClose(r.statistic, -2.2517050070105746, 9);
    relClose(r.pValue, 0.05904942200368042, 8);
  });

  it('gives no evidence below two rows', () => {
    expect(pairedTTest(0, 0, 0)).toEqual({ statistic: 0, pValue: 1 });
    expect(pairedTTest(1, 3, 9)).toEqual({ statistic: 0, pValue: 1 });
  });

  it('handles zero variance', () => {
    expect(pairedTTest(5, 0, 0)).toEqual({ statistic: 0, pValue: 1 });
    expect(pairedTTest(4, 2, 1)).toEqual({ statistic: Infinity, pValue: 0 });
    expect(pairedTTest(4, -2, 1)).toEqual({ statistic: -Infinity, pValue: 0 });
    // 0.1 * 3 squared and summed rounds to a hair below n * mean²: clamped, not NaN.
    const n = 3;
    const sumDiff = 0.1 + 0.1 + 0.1;
    const sumDiffSq = 0.1 * 0.1 * 3;
    expect(sumDiffSq - n * (sumDiff / n) ** 2).toBeLessThan(0);
    expect(pairedTTest(n, sumDiff, sumDiffSq)).toEqual({ statistic: Infinity, pValue: 0 });
  });
});

describe('mcNemarTest', () => {
  it.each([
    [10, 2, 5.333333333333333, 0.03857421875],
    [3, 5, 0.5, 0.7265625],
    [0, 7, 7, 0.015625],
    [12, 12, 0, 1],
    [1, 0, 1, 1],
  ])('exact binomial test below 25 discordant pairs: b = %d, c = %d', (b, c, statistic, pValue) => {
    const r = mcNemarTest(b, c);
    expect(r.statistic).toBeCloseTo(statistic, 12);
    relClose(r.pValue, pValue, 12);
  });

  it.each([
    [40, 20, 6.016666666666667, 0.01417138825401233],
    [100, 150, 9.604, 0.0019415397850404185],
    [30, 5, 16.457142857142856, 0.000049762334879074126],
    [13, 12, 0, 1],
  ])('corrected chi-square from 25 discordant pairs: b = %d, c = %d', (b, c, statistic, pValue) => {
    const r = mcNemarTest(b, c);
    expect(r.statistic).toBeCloseTo(statistic, 10);
    relClose(r.pValue, pValue, 8);
  });

  it('is symmetric in b and c', () => {
    expect(mcNemarTest(2, 10)).toEqual(mcNemarTest(10, 2));
    expect(mcNemarTest(20, 40)).toEqual(mcNemarTest(40, 20));
  });

  it('gives no evidence without discordant pairs', () => {
    expect(mcNemarTest(0, 0)).toEqual({ statistic: 0, pValue: 1 });
  });
});
