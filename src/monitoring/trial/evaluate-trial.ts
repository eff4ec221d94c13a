import type { ChallengerTrial } from '../../domain/alias';
import type { ModelVersion } from '../../domain/model-version';
import type { ModelSpec } from '../../domain/spec/model-spec';
import type { LiveComparison, TrialMoves, TrialTotals } from '../../domain/trial';
import { addTotals, type PairedErrorMetric } from '../../ml/stats/paired-errors';
import type { AliasStore } from '../../platform/ports/alias-store';
import type { VersionStore } from '../../platform/ports/version-store';
import type { FeedbackItem } from '../drift/live-error';
import { decideTrial } from './decide-trial';
import { TrialJoin } from './trial-join';

/** What a drift check needs to evaluate a challenger. */
export interface TrialCheckDeps {
  readonly registry: Pick<AliasStore, 'getAlias'> & Pick<VersionStore, 'getVersion'>;
  readonly moves: TrialMoves;
}

/** A challenger being evaluated in this check: its trial and the join of its rows. */
export interface OpenTrial {
  readonly version: number;
  readonly trial: ChallengerTrial;
  readonly metric: PairedErrorMetric;
  readonly previous: TrialTotals | undefined;
  readonly join: TrialJoin;
}

/** What the check did with the challenger, as its drift report records it. */
export interface TrialCheck {
  readonly version: number;
  readonly comparison: LiveComparison;
  /** promoted, lost or expired when this check ended the trial; continue while it goes on. */
  readonly outcome: 'promoted' | 'lost' | 'expired' | 'continue';
}

/**
 * The model's challenger on trial against `production`, with a join for the window's feedback;
 * undefined when there is none.
 */
export async function openTrial(
  deps: TrialCheckDeps,
  production: ModelVersion,
  spec: Pick<ModelSpec, 'deployment'>,
  feedback: readonly FeedbackItem[],
): Promise<OpenTrial | undefined> {
  const alias = await deps.registry.getAlias(production.model, 'challenger');
  if (!alias?.trial || alias.version === production.version) return undefined;
  const challenger = await deps.registry.getVersion(production.model, alias.version);
  if (!challenger) return undefined;
  const metric = errorMetric(production, spec);
  const join = new TrialJoin(feedback, {
    production: production.version,
    challenger: alias.version,
    metric,
    since: alias.trial.since,
  });
  // Evidence gathered against another production version (moved by hand since) compares other
  // predictions: the trial starts adding up again against this one.
  const last = challenger.trial?.comparisons.at(-1);
  const previous =
    last === undefined || last.productionVersion === production.version
      ? challenger.trial?.totals
      : undefined;
  return { version: alias.version, trial: alias.trial, metric, previous, join };
}

/**
 * Adds the window's pairs to the trial's totals (once: a replayed window is skipped), decides,
 * records the evaluation on the challenger and promotes or retires it by compare-and-swap.
 * Undefined when the window was already counted or the trial ended meanwhile.
 */
export async function settleTrial(
  deps: TrialCheckDeps,
  open: OpenTrial,
  model: string,
  productionVersion: number,
  windowTo: string,
  spec: Pick<ModelSpec, 'deployment'>,
  now: Date,
): Promise<TrialCheck | undefined> {
  if (open.previous && open.previous.through >= windowTo) return undefined;
  const window = open.join.totals(windowTo);
  const totals: TrialTotals = open.previous
    ? {
        ...addTotals(open.previous, window),
        unpaired: open.previous.unpaired + window.unpaired,
        through: windowTo,
      }
    : window;
  const { comparison, outcome } = decideTrial({
    totals,
    metric: open.metric,
    rules: spec.deployment,
    productionVersion,
    since: open.trial.since,
    now,
  });
  if ((await deps.moves.record(model, open.version, comparison, totals)) === 'gone') return undefined;
  if (comparison.decision === 'promote') {
    const moved = await deps.moves.promote(model, open.version, comparison);
    return { version: open.version, comparison, outcome: moved === 'promoted' ? 'promoted' : 'continue' };
  }
  if (comparison.decision === 'retire' && outcome) {
    await deps.moves.retire(model, open.version, outcome, comparison.reason, comparison);
    return { version: open.version, comparison, outcome };
  }
  return { version: open.version, comparison, outcome: 'continue' };
}

/** Regression: the spec's deployment.errorMetric per row; classifiers: misclassification. */
function errorMetric(version: ModelVersion, spec: Pick<ModelSpec, 'deployment'>): PairedErrorMetric {
  if (version.task === 'binary' || version.task === 'multiclass') return 'error_rate';
  return spec.deployment.errorMetric === 'squared' ? 'squared_error' : 'absolute_error';
}
