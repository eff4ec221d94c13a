import { describe, expect, it } from 'vitest';
import { checkDrift } from '../../../../src/monitoring/drift/report/check-drift';
import type { DriftReport } from '../../../../src/monitoring/drift/report/drift-report';
import { baseline, draw, IMPORTANCE, logged, PROFILE, SETTINGS } from './drift-rows';

type Row = Record<string, unknown>;

/** The rows with `names` set to `value` on every row. */
const withValue = (rows: Row[], names: readonly string[], value: unknown): Row[] =>
  rows.map((r) => ({ ...r, ...Object.fromEntries(names.map((n) => [n, value])) }));

const scores = (report: DriftReport) =>
  Object.fromEntries(Object.entries(report.features).map(([name, f]) => [name, [f.score, f.psi, f.pValue]]));

// Predictions from the numbers the rows stand for, whatever form the inputs take.
const prediction = (r: Row): number => Number(r.a) * 2;

describe('checkDrift reads inputs as predict does', () => {
  it('scores numeric strings exactly as the same numbers', async () => {
    const rows = draw(1000, 11, { b: 5 });
    const asText = rows.map((r) => ({ ...r, a: String(r.a), b: ` ${r.b}`, c: String(r.c), d: String(r.d) }));
    const numbers = await checkDrift(baseline(IMPORTANCE), SETTINGS, logged(rows));
    const strings = await checkDrift(baseline(IMPORTANCE), SETTINGS, logged(asText, prediction));
    expect(strings.verdict).toBe('drift');
    expect(scores(strings)).toEqual(scores(numbers));
    expect(strings.quality).toEqual(numbers.quality);
    expect(strings.quality.a).toMatchObject({ count: 1000, missing: 0, unreadable: 0 });
  });

  it('never says no_drift when top inputs arrive as NA tokens on every row', async () => {
    const rows = withValue(draw(1000, 12), ['a', 'b'], 'n/a');
    const report = await checkDrift(
      baseline(IMPORTANCE),
      SETTINGS,
      logged(rows, () => 20),
    );
    expect(report.verdict).toBe('data_quality');
    expect(report.qualityBreaches).toEqual(['a', 'b']);
    expect(report.qualityBreachedTopFeatures).toEqual(['a', 'b']);
    expect(report.quality.a).toMatchObject({
      count: 0,
      missing: 1000,
      unreadable: 0,
      missingRate: 1,
      trainingMissingRate: 0,
      limit: 0.1,
      breached: true,
    });
    expect(report.features.a).toMatchObject({ score: null, psi: null, drifted: false });
    expect(report.verdictReason).toBe(
      'missing or unreadable values beyond the training rate on top inputs a, b: a 100% (training 0%), b 100% (training 0%)',
    );
  });

  it('calls values of the wrong type unreadable and a breach', async () => {
    const rows = withValue(draw(500, 13), ['c'], 'ten');
    const report = await checkDrift(baseline(IMPORTANCE), SETTINGS, logged(rows));
    expect(report.quality.c).toMatchObject({
      unreadable: 500,
      unreadableRate: 1,
      missing: 0,
      breached: true,
    });
    expect(report.verdict).toBe('data_quality');
  });

  it('breaches at the training rate plus the margin, not below', async () => {
    // 15% missing: over 0 + 0.1; with a margin of 0.2 it is within the limit.
    const rows = draw(1000, 14).map((r, i) => (i % 20 < 3 ? { ...r, a: null } : r));
    const strict = await checkDrift(
      baseline(IMPORTANCE),
      SETTINGS,
      logged(rows, () => 20),
    );
    expect(strict.quality.a).toMatchObject({ missingRate: 0.15, breached: true });
    expect(strict.verdict).toBe('data_quality');
    const lenient = await checkDrift(
      baseline(IMPORTANCE),
      { ...SETTINGS, dataQualityMargin: 0.2 },
      logged(rows, () => 20),
    );
    expect(lenient.quality.a).toMatchObject({ limit: 0.2, breached: false });
    expect(lenient.qualityBreaches).toEqual([]);
    expect(lenient.verdict).not.toBe('data_quality');
  });

  it('decides data_quality by the drift share when no top input breaches', async () => {
    const rows = withValue(draw(600, 15), ['c', 'd', 'color'], null);
    const share = await checkDrift(baseline([]), SETTINGS, logged(rows));
    expect(share.qualityBreaches).toEqual(['c', 'd', 'color']);
    expect(share.verdict).toBe('data_quality');
    expect(share.verdictReason).toMatch(
      /^missing or unreadable values beyond the training rate on 3 of 5 inputs/,
    );
    // One minor input alone: recorded as a breach, the verdict stays with the drift rules.
    const minor = await checkDrift(
      baseline(IMPORTANCE),
      SETTINGS,
      logged(withValue(draw(600, 15), ['d'], null)),
    );
    expect(minor.qualityBreaches).toEqual(['d']);
    expect(minor.qualityBreachedTopFeatures).toEqual([]);
    expect(minor.verdict).toBe('no_drift');
  });

  it('does not judge quality below minSamples rows', async () => {
    const rows = withValue(draw(150, 16), ['a'], 'n/a');
    const report = await checkDrift(
      baseline(IMPORTANCE),
      SETTINGS,
      logged(rows, () => 20),
    );
    expect(report.verdict).toBe('not_enough_data');
    expect(report.quality.a.breached).toBe(false);
  });

  it('names the version inputs it cannot measure', async () => {
    const inputs = [
      ...baseline(IMPORTANCE).inputs,
      { name: 'pickup', type: 'datetime' as const },
      { name: 'zone', type: 'categorical' as const },
    ];
    const report = await checkDrift(
      { profile: PROFILE, inputs, importance: IMPORTANCE },
      SETTINGS,
      logged(draw(300, 17)),
    );
    expect(report.unmonitored).toEqual({
      pickup: 'a datetime input: its values always move on, so it is not profiled',
      zone: 'the training profile has no such column',
    });
  });
});

describe('checkDrift against a recent window', () => {
  it('compares with the earlier window when given, on the same bins', async () => {
    const shifted = await checkDrift(baseline(IMPORTANCE), SETTINGS, logged(draw(1000, 21, { a: 1, d: 10 })));
    expect(shifted.verdict).toBe('drift');
    const columns = Object.fromEntries(Object.entries(shifted.features).map(([n, f]) => [n, f.current]));
    const recent = {
      ...baseline(IMPORTANCE),
      recent: { reportId: 'drift:earlier', columns, prediction: shifted.prediction!.current },
    };
    const again = await checkDrift(recent, SETTINGS, logged(draw(1000, 22, { a: 1, d: 10 })));
    expect(again.reference).toEqual({ kind: 'recent', reportId: 'drift:earlier' });
    expect(again.verdict).toBe('no_drift');
    expect(again.features.a.score).toBeLessThan(0.1);
    expect(again.features.d.score).toBeLessThan(0.1);
    // The same window against training still drifts.
    const training = await checkDrift(
      baseline(IMPORTANCE),
      SETTINGS,
      logged(draw(1000, 22, { a: 1, d: 10 })),
    );
    expect(training.reference).toEqual({ kind: 'training' });
    expect(training.verdict).toBe('drift');
  });

  it('gives no score where the reference window had too few readable values', async () => {
    const thin = await checkDrift(
      baseline(IMPORTANCE),
      SETTINGS,
      logged(withValue(draw(400, 23), ['color'], null)),
    );
    const columns = Object.fromEntries(Object.entries(thin.features).map(([n, f]) => [n, f.current]));
    const report = await checkDrift(
      { ...baseline(IMPORTANCE), recent: { reportId: 'drift:thin', columns } },
      SETTINGS,
      logged(draw(400, 24)),
    );
    expect(report.features.color).toMatchObject({
      score: null,
      reason: 'only 0 readable values in the reference, fewer than minSamples (200)',
    });
    expect(report.features.a.score).not.toBeNull();
  });
});
