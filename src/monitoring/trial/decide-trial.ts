import type { LiveComparison, TrialTotals } from '../../domain/trial';
import { judgePairs, type PairedErrorMetric } from '../../ml/stats/paired-errors';

/** The spec's deployment fields that decide a trial. */
export interface TrialRules {
  readonly minFeedback: number;
  readonly alpha: number;
  readonly maxDays: number;
}

/** A trial's evaluation, and how it ends when it is decided. */
export interface TrialDecision {
  readonly comparison: LiveComparison;
  /** Set when the trial ends without a promotion. */
  readonly outcome?: 'lost' | 'expired';
}

const METRIC_WORDS: Record<PairedErrorMetric, string> = {
  absolute_error: 'mean absolute error',
  squared_error: 'mean squared error',
  error_rate: 'error rate',
};

/**
 * Decides a trial from its totals so far: below `minFeedback` paired rows it waits; then a
 * paired test (paired t on per-row error differences, McNemar on classifiers' hits) promotes a
 * challenger that is better at `alpha`, retires one that is worse, and waits otherwise, until
 * `maxDays` have passed since the trial began (then it is retired as expired).
 */
export function decideTrial(input: {
  readonly totals: TrialTotals;
  readonly metric: PairedErrorMetric;
  readonly rules: TrialRules;
  readonly productionVersion: number;
  readonly since: string;
  readonly now: Date;
}): TrialDecision {
  const { totals, metric, rules } = input;
  const verdict = judgePairs(totals, metric, rules.alpha);
  const days = (input.now.getTime() - Date.parse(input.since)) / 86_400_000;
  const expired = days >= rules.maxDays;
  const words = METRIC_WORDS[metric];
  const enough = totals.rows >= rules.minFeedback;
  const errors = `${words} ${round(verdict.challengerError)} (challenger) vs ${round(verdict.productionError)} (production) on ${totals.rows} paired rows`;
  const p = enough ? verdict.pValue : null;
  let decision: LiveComparison['decision'] = 'continue';
  let outcome: TrialDecision['outcome'];
  let reason: string;
  if (!enough) {
    reason = `${totals.rows} of ${rules.minFeedback} paired feedback rows so far (deployment.minFeedback)`;
  } else if (verdict.better === 'challenger') {
    decision = 'promote';
    reason = `${errors}: better, p = ${fmtP(verdict.pValue)} < ${rules.alpha}`;
  } else if (verdict.better === 'production') {
    decision = 'retire';
    outcome = 'lost';
    reason = `${errors}: worse, p = ${fmtP(verdict.pValue)} < ${rules.alpha}`;
  } else {
    reason = `${errors}: no significant difference, p = ${fmtP(verdict.pValue)} >= ${rules.alpha}`;
  }
  if (decision === 'continue' && expired) {
    decision = 'retire';
    outcome = 'expired';
    reason = `undecided after ${rules.maxDays} days (deployment.maxDays): ${reason}`;
  }
  return {
    comparison: {
      checkedAt: input.now.toISOString(),
      productionVersion: input.productionVersion,
      rows: totals.rows,
      unpaired: totals.unpaired,
      minRows: rules.minFeedback,
      errorMetric: metric,
      productionError: verdict.productionError,
      challengerError: verdict.challengerError,
      test: verdict.test,
      statistic: Number.isFinite(verdict.statistic)
        ? verdict.statistic
        : Math.sign(verdict.statistic) * 1e308,
      pValue: p,
      alpha: rules.alpha,
      decision,
      reason,
    },
    ...(outcome && { outcome }),
  };
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;
const fmtP = (p: number): string => (p < 0.0001 ? p.toExponential(2) : String(round(p)));
