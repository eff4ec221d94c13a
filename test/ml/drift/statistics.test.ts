import { describe, expect, it } from 'vitest';
import { chiSquaredTest } from '../../../src/ml/drift/chi-squared';
import { jensenShannonDistance } from '../../../src/ml/drift/jensen-shannon';
import { ksTwoSample } from '../../../src/ml/drift/ks';
import { psi } from '../../../src/ml/drift/psi';
import { gammaQ, kolmogorovSf, logGamma } from '../../../src/ml/drift/special-functions';
import { normalisedWasserstein, wassersteinDistance } from '../../../src/ml/drift/wasserstein';

// Reference values computed once with scipy 1.10 (scipy.stats, scipy.special, scipy.spatial) and
// numpy on the same inputs; the tests do not need Python.
const a = [0.1, 0.5, 1.2, 1.9, 2.3, 2.8, 3.1, 3.3, 4.0, 4.4];
const b = [1.0, 1.6, 2.2, 2.9, 3.3, 3.8, 4.6, 5.1, 5.5, 6.2, 6.9, 7.5];
const stdA = Math.sqrt(a.reduce((s, v) => s + (v - 2.36) ** 2, 0) / a.length);

describe('special functions', () => {
  it.each([
    [0.5, 0.1, 0.6547208460185768],
    [3, 10, 0.0027693957155115775],
    [50, 30, 0.999481108537452],
    [1000, 1100, 0.0010593232539299773],
    [2.5, 2.5, 0.4158801869955079],
    [1.5, 40, 3.0692774861724164e-17],
  ])('Q(%d, %d) = gammaincc', (s, x, q) => {
    expect(gammaQ(s, x) / q).toBeCloseTo(1, 9);
  });

  it('Q at the edges', () => {
    expect(gammaQ(2, 0)).toBe(1);
    expect(gammaQ(2, Infinity)).toBe(0);
    expect(gammaQ(0, 1)).toBeNaN();
  });

  it.each([
    [0.3, 0.9999906941986655],
    [0.8, 0.5441424115741981],
    [1.0, 0.26999967167735456],
    [1.36, 0.049485876755377876],
    [2.0, 0.0006709252557796953],
  ])('Kolmogorov sf(%d) = kstwobign.sf', (lambda, p) => {
    expect(kolmogorovSf(lambda)).toBeCloseTo(p, 12);
  });

  it.each([
    [0.5, 0.5723649429247],
    [10, 12.801827480081469],
    [100.5, 361.43554046777757],
    [3.7, 1.428072326665388],
  ])('ln Γ(%d) = gammaln', (x, v) => {
    expect(logGamma(x)).toBeCloseTo(v, 11);
  });
});

describe('drift statistics on raw series', () => {
  it('KS two-sample statistic and asymptotic p-value', () => {
    const r = ksTwoSample(a, b);
    expect(r.statistic).toBeCloseTo(0.5, 12);
    expect(r.pValue).toBeCloseTo(0.1307582241188813, 12);
    expect(ksTwoSample(a, a)).toEqual({ statistic: 0, pValue: 1 });
  });

  it('Wasserstein-1, raw and normalised by the reference std', () => {
    expect(wassersteinDistance(a, b)).toBeCloseTo(1.8566666666666667, 12);
    expect(normalisedWasserstein(a, b, stdA)).toBeCloseTo(1.3612276904144665, 12);
    expect(wassersteinDistance(a, a)).toBe(0);
    expect(normalisedWasserstein([1, 1], [2, 2], 0)).toBeCloseTo(1000, 9);
  });

  it('Jensen-Shannon distance in base 2', () => {
    expect(jensenShannonDistance([10, 20, 30, 40], [15, 25, 25, 35])).toBeCloseTo(0.09210804568706063, 12);
    expect(jensenShannonDistance([0, 5, 5], [5, 5, 0])).toBeCloseTo(0.7071067811865476, 12);
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(1, 12);
  });

  it('PSI with empty bins replaced by 1e-4', () => {
    expect(psi([10, 20, 30, 40], [15, 25, 25, 35])).toBeCloseTo(0.04722308044204256, 12);
    expect(psi([0, 5, 5], [5, 5, 0])).toBeCloseTo(8.515489752777953, 10);
    expect(psi([1, 2], [2, 4])).toBe(0);
  });

  it('chi-squared goodness of fit, including a tiny p-value', () => {
    const r = chiSquaredTest([18, 22, 30, 30], [25, 25, 25, 25]);
    expect(r.statistic).toBeCloseTo(4.32, 12);
    expect(r.pValue).toBeCloseTo(0.22891886433610517, 12);
    expect(r.df).toBe(3);
    const big = chiSquaredTest([100, 0, 0], [33.4, 33.3, 33.3]);
    expect(big.statistic).toBeCloseTo(199.4011976047904, 10);
    expect(big.pValue / 5.018571288655591e-44).toBeCloseTo(1, 8);
  });
});
