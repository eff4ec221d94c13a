import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/ml/data/read-csv';
import { chiSquaredDriftTest } from '../../../src/ml/drift/chi-squared';
import { currentSample, datasetDrift } from '../../../src/ml/drift/column-drift';
import { jensenShannonDistance, jensenShannonTest } from '../../../src/ml/drift/jensen-shannon';
import { ksTest } from '../../../src/ml/drift/ks';
import { psi, psiTest } from '../../../src/ml/drift/psi';
import { DRIFT_TESTS, defaultDriftTest, driftTestByName } from '../../../src/ml/drift/registry';
import { wassersteinTest } from '../../../src/ml/drift/wasserstein';
import { fitPipeline } from '../../../src/ml/features/fit-pipeline';
import { profileCategorical, profileNumeric } from '../../../src/ml/profile/profile-column';
import { binCounts } from '../../../src/ml/profile/quantiles';
import { buildTrainingProfile } from '../../../src/ml/profile/training-profile';
import { thrownDataError } from '../data/helpers';

// A uniform grid on [0, 1) as the reference; the same grid shifted by 0.2 as drifted data.
const grid = Float64Array.from({ length: 1000 }, (_, i) => i / 1000);
const shifted = grid.map((v) => v + 0.2);
const reference = profileNumeric(grid);
const numeric = (values: Float64Array) => ({ type: 'numeric' as const, values });

describe('drift tests from a training profile', () => {
  it('PSI and Jensen-Shannon use the profile histogram bins', () => {
    const expected = binCounts(reference.cuts, shifted);
    const p = psiTest.run(reference, numeric(shifted));
    expect(p.statistic).toBeCloseTo(psi(reference.counts, expected), 12);
    expect(p.drifted).toBe(true);
    const js = jensenShannonTest.run(reference, numeric(shifted));
    expect(js.statistic).toBeCloseTo(jensenShannonDistance(reference.counts, expected), 12);
    expect(psiTest.run(reference, numeric(grid))).toEqual({
      test: 'psi',
      statistic: 0,
      threshold: 0.1,
      drifted: false,
    });
  });

  it('normalised Wasserstein from the mid-quantiles is W1 / std of the training values', () => {
    // Exact: W1 = 0.2 for a shift, std of the grid = sqrt((1000² - 1) / 12) / 1000.
    const std = Math.sqrt((1000 * 1000 - 1) / 12) / 1000;
    const r = wassersteinTest.run(reference, numeric(shifted));
    expect(r.statistic).toBeCloseTo(0.2 / std, 2);
    expect(r.drifted).toBe(true);
    expect(wassersteinTest.run(reference, numeric(grid)).statistic).toBeLessThan(0.01);
  });

  it('KS from the mid-quantiles approximates the raw statistic and uses the training count', () => {
    const r = ksTest.run(reference, numeric(shifted));
    // Each of the 100 mid-quantiles stands for 1% of the values: D is off by at most half of that.
    expect(Math.abs(r.statistic - 0.2)).toBeLessThanOrEqual(0.0051);
    expect(r.pValue).toBeLessThan(1e-10);
    expect(r.drifted).toBe(true);
    const same = ksTest.run(reference, numeric(grid.filter((_, i) => i % 3 === 0)));
    expect(same.statistic).toBeLessThan(0.01);
    expect(same.drifted).toBe(false);
  });

  it('chi-squared compares current counts with training shares (p = e^(-χ²/2) for 2 df)', () => {
    const labels = (a: number, b: number, c: number) => [
      ...Array<string>(a).fill('a'),
      ...Array<string>(b).fill('b'),
      ...Array<string>(c).fill('c'),
    ];
    const ref = profileCategorical(labels(50, 30, 20));
    const r = chiSquaredDriftTest.run(ref, { type: 'categorical', values: labels(20, 30, 50) });
    expect(r.statistic).toBeCloseTo(63, 10);
    expect(r.pValue! / Math.exp(-31.5)).toBeCloseTo(1, 8);
    expect(r.drifted).toBe(true);
    const unseen = chiSquaredDriftTest.run(ref, { type: 'categorical', values: [...labels(5, 3, 2), 'new'] });
    expect(Number.isFinite(unseen.statistic)).toBe(true);
    expect(unseen.drifted).toBe(true);
  });

  it('refuses current values of the wrong kind with a typed error', () => {
    const err = thrownDataError(() => psiTest.run(reference, { type: 'categorical', values: ['a'] }));
    expect(err.code).toBe('bad_type');
    expect(err.message).toBe("The column's training profile is numeric but its current values are not");
  });
});

describe('drift test registry', () => {
  it('lists every test once, each with its descriptor', () => {
    expect(DRIFT_TESTS.map((t) => [t.name, t.columnTypes, t.defaultThreshold, t.driftWhen])).toEqual([
      ['psi', ['numeric', 'categorical'], 0.1, 'high_distance'],
      ['jensen_shannon', ['numeric', 'categorical'], 0.1, 'high_distance'],
      ['wasserstein', ['numeric'], 0.1, 'high_distance'],
      ['ks', ['numeric'], 0.05, 'low_p_value'],
      ['chi_squared', ['categorical'], 0.05, 'low_p_value'],
    ]);
  });

  it('chooses by column type and reference size, as Evidently does', () => {
    expect(defaultDriftTest(profileNumeric(grid.subarray(0, 500))).name).toBe('ks');
    expect(defaultDriftTest(profileNumeric(Float64Array.from({ length: 2000 }, (_, i) => i))).name).toBe(
      'wasserstein',
    );
    expect(defaultDriftTest(profileCategorical(['a', 'b'])).name).toBe('chi_squared');
    expect(defaultDriftTest(profileCategorical(Array<string>(2000).fill('a'))).name).toBe('jensen_shannon');
  });

  it('refuses an unknown test name', () => {
    const err = thrownDataError(() => driftTestByName('kl'));
    expect(err.code).toBe('bad_spec');
    expect(err.message).toBe(
      'Unknown drift test "kl" (known: psi, jensen_shannon, wasserstein, ks, chi_squared)',
    );
  });
});

describe('datasetDrift on logged request rows', () => {
  it('reads rows with the serving rules and flags the dataset when half the columns drift', async () => {
    const lines = ['y,x,c,f'];
    for (let i = 0; i < 300; i++) lines.push(`${i % 7},${i / 300},${i % 3 === 0 ? 'a' : 'b'},${i % 2 === 0}`);
    const table = await readCsv(Buffer.from(lines.join('\n')));
    const pipeline = fitPipeline(table, { target: 'y', task: 'regression', forModel: 'trees' });
    const profile = buildTrainingProfile(pipeline, table);
    const rows = Array.from({ length: 300 }, (_, i) => ({
      x: String(i / 300 + 0.5),
      c: i % 3 === 0 ? 'a' : 'b',
      f: i % 2 === 0,
    }));
    const drift = datasetDrift(profile, pipeline.inputs, rows);
    expect(
      Object.fromEntries(Object.entries(drift.columns).map(([k, r]) => [k, [r.test, r.drifted]])),
    ).toEqual({
      x: ['ks', true],
      c: ['chi_squared', false],
      f: ['chi_squared', false],
    });
    expect(drift.driftedShare).toBeCloseTo(1 / 3, 12);
    expect(drift.drifted).toBe(false);
    const withPsi = datasetDrift(profile, pipeline.inputs, rows, { tests: { c: 'psi' }, driftShare: 0.3 });
    expect(withPsi.columns.c.test).toBe('psi');
    expect(withPsi.drifted).toBe(true);
  });

  it('counts values of the wrong type as missing', () => {
    const ref = profileNumeric(grid);
    const sample = currentSample(ref, { name: 'x', type: 'numeric' }, [1, 'abc', null, '2']);
    expect(sample.type).toBe('numeric');
    expect(Array.from(sample.values as Float64Array)).toEqual([1, NaN, NaN, 2]);
  });
});
