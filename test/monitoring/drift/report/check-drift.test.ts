import { describe, expect, it } from 'vitest';
import { checkDrift } from '../../../../src/monitoring/drift/report/check-drift';
import { parseLogLines } from '../../../../src/monitoring/drift/report/log-line';
import { baseline, draw, IMPORTANCE, logged, PROFILE, SETTINGS } from './drift-rows';

describe('checkDrift', () => {
  it('finds no drift in rows drawn like the training data', async () => {
    const report = await checkDrift(baseline(IMPORTANCE), SETTINGS, logged(draw(2000, 7)));
    expect(report.verdict).toBe('no_drift');
    expect(report.rows).toBe(2000);
    expect(report.driftedShare).toBe(0);
    for (const f of Object.values(report.features)) {
      expect(f.score).toBeLessThan(0.1);
      expect(f.pValue).toBeGreaterThan(0.01);
    }
    expect(report.features.a.metric).toBe('wasserstein');
    expect(report.features.color.metric).toBe('jensen_shannon');
    expect(report.prediction?.drifted).toBe(false);
  });

  it('flags drift on shifted rows, with tiny p-values and the prediction drifting too', async () => {
    const report = await checkDrift(
      baseline(IMPORTANCE),
      SETTINGS,
      logged(draw(2000, 7, { a: 1, b: 5, c: 1, d: 10 })),
    );
    expect(report.verdict).toBe('drift');
    expect(report.driftedShare).toBeCloseTo(0.8, 10);
    // A one-standard-deviation shift: normalised Wasserstein near 1.
    expect(report.features.a.score).toBeCloseTo(1, 1);
    expect(report.features.a.pValue).toBeLessThan(1e-6);
    expect(report.features.a.psi).toBeGreaterThan(0.25);
    expect(report.prediction?.drifted).toBe(true);
    expect(report.driftedTopFeatures).toEqual(['a', 'b', 'c']);
  });

  it('drifts on one of the top-3 inputs alone, not on a less important one alone', async () => {
    const top = await checkDrift(baseline(IMPORTANCE), SETTINGS, logged(draw(1000, 3, { b: 5 })));
    expect(top.driftedShare).toBeCloseTo(0.2, 10);
    expect(top.driftedTopFeatures).toEqual(['b']);
    expect(top.verdict).toBe('drift');
    const minor = await checkDrift(baseline(IMPORTANCE), SETTINGS, logged(draw(1000, 3, { d: 10 })));
    expect(minor.features.d.drifted).toBe(true);
    expect(minor.driftedShare).toBeCloseTo(0.2, 10);
    expect(minor.driftedTopFeatures).toEqual([]);
    expect(minor.verdict).toBe('no_drift');
  });

  it('sees an unseen category as categorical drift with a chi-squared p-value near 0', async () => {
    const report = await checkDrift(baseline(['color']), SETTINGS, logged(draw(500, 5, { color: true })));
    expect(report.features.color.drifted).toBe(true);
    expect(report.features.color.score).toBeGreaterThan(0.9);
    expect(report.features.color.pValue).toBeLessThan(1e-10);
    expect(report.features.color.pValueTest).toBe('chi_squared');
  });

  it('reports not enough data below minSamples instead of a verdict', async () => {
    const report = await checkDrift(baseline(IMPORTANCE), SETTINGS, logged(draw(199, 7, { a: 3 })));
    expect(report.rows).toBe(199);
    expect(report.verdict).toBe('not_enough_data');
    expect(report.verdictReason).toBe('199 rows checked, fewer than minSamples (200)');
    // Fewer readable values than minSamples: no score rather than one computed on too little.
    expect(report.features.a).toMatchObject({
      score: null,
      psi: null,
      pValue: null,
      drifted: false,
      reason: 'only 199 readable values in the window, fewer than minSamples (200)',
    });
  });

  it('counts malformed lines, type errors, missing values and out-of-range values', async () => {
    const drawn = draw(300, 9);
    // Fresh draws can fall just outside the training range too; count those exactly.
    const outside = (k: 'a' | 'b'): number => {
      const col = PROFILE.columns[k];
      if (col.type !== 'numeric') throw new Error('numeric profile expected');
      return drawn.filter((r) => (r[k] as number) < col.min || (r[k] as number) > col.max).length;
    };
    const good = drawn.map((r) =>
      JSON.stringify({
        requestId: 'x',
        row: 0,
        model: 'm',
        version: 1,
        inputs: r,
        prediction: 20,
        time: 't',
      }),
    );
    const lines = [
      ...good,
      '{not json',
      '[1,2]',
      JSON.stringify({ inputs: 'nope', prediction: 1 }),
      JSON.stringify({ inputs: {}, prediction: null }),
      '',
      JSON.stringify({ inputs: { a: 'ten', b: 1000, c: null, color: { x: 1 } }, prediction: 1 }),
      JSON.stringify({ inputs: { a: -50, b: 50, c: 0, d: 100, color: 'red' }, prediction: 1 }),
    ];
    async function* source(): AsyncGenerator<string> {
      yield* lines;
    }
    const report = await checkDrift(baseline(IMPORTANCE), SETTINGS, parseLogLines(source()));
    expect(report.malformedLines).toBe(4);
    expect(report.rows).toBe(302);
    expect(report.quality.a).toMatchObject({
      unreadable: 1,
      missing: 0,
      outOfRange: outside('a') + 1,
      count: 301,
    });
    expect(report.quality.b.outOfRange).toBe(outside('b') + 1);
    expect(outside('b')).toBe(1);
    expect(report.quality.c.missing).toBe(1);
    expect(report.quality.c.unreadable).toBe(0);
    expect(report.quality.d.missingRate).toBeCloseTo(1 / 302, 12);
    expect(report.quality.color.unreadable).toBe(1);
    // One far value (b = 1000) moves the Wasserstein score of 302 rows but hardly the binned PSI.
    expect(report.features.b.score).toBeGreaterThan(0.5);
    expect(report.features.b.psi).toBeLessThan(0.1);
  });
});
