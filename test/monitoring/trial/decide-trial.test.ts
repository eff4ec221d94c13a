// The trial decision on totals, and its settlement's guard against a window counted twice.
import { describe, expect, it } from 'vitest';
import type { ChallengerTrial } from '../../../src/domain/alias';
import type { LiveComparison, TrialMoves, TrialTotals } from '../../../src/domain/trial';
import { decideTrial } from '../../../src/monitoring/trial/decide-trial';
import { settleTrial, type OpenTrial } from '../../../src/monitoring/trial/evaluate-trial';
import { TrialJoin } from '../../../src/monitoring/trial/trial-join';
import { parseModelSpec } from '../../../src/domain/spec/model-spec';

const rules = { minFeedback: 200, alpha: 0.05, maxDays: 14 };
const since = '2026-12-01T00:00:00.000Z';
const now = new Date('2026-12-02T00:00:00.000Z');

/** Totals of n rows with production's absolute error p and the challenger's c, d spread sd. */
function totals(n: number, p: number, c: number, sd: number): TrialTotals {
  const mean = p - c;
  return {
    rows: n,
    productionError: n * p,
    challengerError: n * c,
    sumDiff: n * mean,
    sumDiffSq: (n - 1) * sd * sd + n * mean * mean,
    productionOnlyRight: 0,
    challengerOnlyRight: 0,
    unpaired: 3,
    through: now.toISOString(),
  };
}

const decide = (t: TrialTotals, over: Partial<typeof rules> = {}, at = now) =>
  decideTrial({
    totals: t,
    metric: 'absolute_error',
    rules: { ...rules, ...over },
    productionVersion: 4,
    since,
    now: at,
  });

describe('decideTrial', () => {
  it('promotes a challenger better at alpha, retires a worse one, waits on no difference', () => {
    const better = decide(totals(400, 5, 4, 3));
    expect(better.comparison).toMatchObject({
      decision: 'promote',
      rows: 400,
      unpaired: 3,
      test: 'paired_t',
    });
    expect(better.comparison.pValue!).toBeLessThan(1e-6);
    expect(better.outcome).toBeUndefined();
    expect(decide(totals(400, 4, 5, 3))).toMatchObject({
      comparison: { decision: 'retire' },
      outcome: 'lost',
    });
    const same = decide(totals(400, 5, 4.98, 3));
    expect(same.comparison.decision).toBe('continue');
    expect(same.comparison.reason).toMatch(/no significant difference, p = 0\.\d+ >= 0\.05$/);
  });

  it('waits below minFeedback with no p-value, however clear the difference', () => {
    const d = decide(totals(150, 9, 1, 1));
    expect(d.comparison).toMatchObject({ decision: 'continue', pValue: null, minRows: 200 });
    expect(d.comparison.reason).toBe('150 of 200 paired feedback rows so far (deployment.minFeedback)');
  });

  it('retires an undecided trial as expired after maxDays, but still promotes a decided one', () => {
    const late = new Date(Date.parse(since) + 15 * 86_400_000);
    expect(decide(totals(150, 9, 1, 1), {}, late)).toMatchObject({
      comparison: { decision: 'retire' },
      outcome: 'expired',
    });
    expect(decide(totals(400, 5, 4, 3), {}, late).comparison.decision).toBe('promote');
  });

  it('keeps statistics JSON-safe when every paired difference is the same', () => {
    const d = decide(totals(300, 5, 4, 0));
    expect(d.comparison.decision).toBe('promote');
    expect(Number.isFinite(d.comparison.statistic)).toBe(true);
    expect(JSON.parse(JSON.stringify(d.comparison))).toEqual(d.comparison);
  });
});

describe('settleTrial', () => {
  it('adds a window once: the same window again changes nothing', async () => {
    const recorded: TrialTotals[] = [];
    const moves: TrialMoves = {
      retire: async () => 'retired',
      promote: async () => 'promoted',
      record: async (_m, _v, _e: LiveComparison, t) => {
        recorded.push(t);
        return 'recorded';
      },
    };
    const trial: ChallengerTrial = { mode: 'shadow', since, against: 1, origin: 'manual' };
    const join = (): TrialJoin => {
      const j = new TrialJoin([{ requestId: 'r', row: 0, actual: 10 }], {
        production: 1,
        challenger: 2,
        metric: 'absolute_error',
        since,
      });
      j.observe({ requestId: 'r', row: 0, version: 1, prediction: 13, time: now.toISOString() });
      j.observe({ requestId: 'r', row: 0, version: 2, prediction: 11, time: now.toISOString() });
      return j;
    };
    const spec = parseModelSpec({ target: 'y' });
    const deps = { registry: { getAlias: async () => undefined, getVersion: async () => undefined }, moves };
    const open: OpenTrial = {
      version: 2,
      trial,
      metric: 'absolute_error',
      previous: undefined,
      join: join(),
    };
    const windowTo = '2026-12-02T00:00:00.000Z';
    const first = await settleTrial(deps, open, 'm', 1, windowTo, spec, now);
    expect(first?.comparison).toMatchObject({ rows: 1, productionError: 3, challengerError: 1 });
    const replay = { ...open, previous: recorded[0], join: join() };
    expect(await settleTrial(deps, replay, 'm', 1, windowTo, spec, now)).toBeUndefined();
    const next = await settleTrial(deps, replay, 'm', 1, '2026-12-02T01:00:00.000Z', spec, now);
    expect(next?.comparison.rows).toBe(2);
    expect(recorded.map((t) => t.rows)).toEqual([1, 2]);
  });
});
