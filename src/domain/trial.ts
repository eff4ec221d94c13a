import { z } from 'zod';
import type { PairedErrorTotals } from '../ml/stats/paired-errors';
import { DEPLOYMENT_MODES, type DeploymentMode } from './alias';

/**
 * How a challenger's trial ended: promoted (better on live feedback), lost (worse), expired
 * (deployment.maxDays passed undecided), failed_to_load (its artifact would not load for serving),
 * retired (by hand, or replaced).
 */
export const TRIAL_OUTCOMES = ['promoted', 'lost', 'expired', 'failed_to_load', 'retired'] as const;
export type TrialOutcome = (typeof TRIAL_OUTCOMES)[number];

/** Outcomes that count as a challenger losing, for retrain.maxConsecutiveLosses. */
export const LOSING_OUTCOMES: ReadonlySet<TrialOutcome> = new Set(['lost', 'expired', 'failed_to_load']);

/** The paired test a live comparison used: on per-row error differences, or McNemar on hits. */
export type PairedTest = 'paired_t' | 'mcnemar';

/**
 * One evaluation of a challenger against production on the same feedback-labelled requests
 * (rows both versions scored). Errors are means over those rows: absolute or squared error for
 * regression, error rate for classifiers.
 */
export interface LiveComparison {
  checkedAt: string;
  productionVersion: number;
  /** Feedback-labelled rows both versions scored: the rows compared. */
  rows: number;
  /** Feedback-labelled rows only one of the two scored (left out of the comparison). */
  unpaired: number;
  /** deployment.minFeedback: rows needed before deciding. */
  minRows: number;
  errorMetric: 'absolute_error' | 'squared_error' | 'error_rate';
  productionError: number;
  challengerError: number;
  test: PairedTest;
  statistic: number;
  /** Two-sided p-value of "no difference"; null while rows < minRows. */
  pValue: number | null;
  alpha: number;
  decision: 'promote' | 'retire' | 'continue';
  /** The decision in words. */
  reason: string;
}

/**
 * Sums over the feedback-labelled rows both versions scored, added check by check (sufficient
 * statistics: the paired tests need nothing else), with the window they reach.
 */
export interface TrialTotals extends PairedErrorTotals {
  unpaired: number;
  /** End (exclusive) of the last drift-check window added: a replayed window is not added twice. */
  through: string;
}

/** The trial of a version that was a challenger: how it met traffic, its evidence, its end. */
export interface TrialRecord {
  mode: DeploymentMode;
  share?: number;
  since: string;
  against: number | null;
  origin: 'deployment' | 'retrain' | 'manual';
  /** Latest evaluation first is not assumed: in check order, the last one is the newest (at most 100). */
  comparisons: LiveComparison[];
  /** What the evaluations so far added up to. */
  totals?: TrialTotals;
  endedAt?: string;
  outcome?: TrialOutcome;
  /** Why it ended, in words. */
  reason?: string;
}

/** Evaluations kept on a trial record, oldest dropped first. */
export const MAX_TRIAL_COMPARISONS = 100;

/**
 * The moves that end or start trials, done by compare-and-swap on the aliases. Serving (a
 * challenger that fails to load) and the drift check (a decided comparison) receive them as an
 * argument; the functions layer wires the implementation in pipeline/promote.
 */
export interface TrialMoves {
  /**
   * Ends the trial of `version` if it is still the challenger: removes the challenger alias,
   * sets the version back to validated with trial.outcome and reason. 'gone' when the challenger
   * is no longer that version.
   */
  retire(
    model: string,
    version: number,
    outcome: Exclude<TrialOutcome, 'promoted'>,
    reason: string,
    evidence?: LiveComparison,
  ): Promise<'retired' | 'gone'>;
  /**
   * Moves production to the challenger `version` when production is still `evidence`'s
   * productionVersion and the challenger alias still names it; the old production is archived.
   */
  promote(model: string, version: number, evidence: LiveComparison): Promise<'promoted' | 'gone'>;
  /**
   * Keeps an evaluation on the challenger's trial record (with the totals it was computed from),
   * decided or not; 'gone' when `version` is no longer the challenger.
   */
  record(
    model: string,
    version: number,
    evidence: LiveComparison,
    totals: TrialTotals,
  ): Promise<'recorded' | 'gone'>;
}

/** `POST /models/{model}/aliases/challenger` body. */
export const challengerBodySchema = z
  .object({
    version: z.number().int().min(1).describe('the validated version to put on trial'),
    mode: z
      .enum(DEPLOYMENT_MODES)
      .describe('shadow: scored beside production, never answers; canary: answers a share'),
    share: z
      .number()
      .gt(0, 'must be more than 0')
      .lt(1, 'must be less than 1')
      .optional()
      .describe(
        'canary only: share of requests the challenger answers, 0 < share < 1; default deployment.share',
      ),
    reason: z.string().min(1).max(500).optional().describe('why, kept on the alias and the version'),
  })
  .strict()
  .refine((b) => b.share === undefined || b.mode === 'canary', {
    path: ['share'],
    message: 'is for mode "canary" only: a shadow challenger answers no request',
  });
export type ChallengerBody = z.infer<typeof challengerBodySchema>;

export type { DeploymentMode };

/** `DELETE /models/{model}/aliases/challenger` body (optional). */
export const retireChallengerBodySchema = z
  .object({
    reason: z.string().min(1).max(500).optional().describe('why, kept on the version'),
  })
  .strict();
