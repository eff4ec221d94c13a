import { AppError } from '../../errors';
import type { Alias } from '../../domain/alias';
import type { ModelVersion } from '../../domain/model-version';
import {
  MAX_TRIAL_COMPARISONS,
  type LiveComparison,
  type TrialMoves,
  type TrialOutcome,
  type TrialRecord,
} from '../../domain/trial';
import type { AliasStore } from '../../platform/ports/alias-store';
import type { Stored } from '../../platform/ports/stored';
import type { Telemetry } from '../../platform/ports/telemetry';
import type { VersionStore } from '../../platform/ports/version-store';
import { settleProductionStatuses } from './production-statuses';

/** What starting and ending trials touch: both aliases, the versions, and the event sink. */
export interface TrialDeps {
  readonly registry: Pick<VersionStore, 'getVersion' | 'listVersions' | 'updateVersion'> &
    Pick<AliasStore, 'getAlias' | 'setAlias' | 'deleteAlias'>;
  readonly telemetry?: Telemetry;
  readonly now?: () => Date;
}

/**
 * The trial moves on the registry: retiring removes the challenger alias by ETag and sets the
 * version back to validated with the outcome; promoting moves production to the challenger by
 * ETag (only while production is still the version it was compared with), then removes the
 * challenger alias and archives the old production version.
 */
export function createTrialMoves(deps: TrialDeps): TrialMoves {
  return {
    async retire(model, version, outcome, reason, evidence) {
      const alias = await deps.registry.getAlias(model, 'challenger');
      if (alias?.version !== version) return 'gone';
      try {
        if (!(await deps.registry.deleteAlias(model, 'challenger', alias.etag))) return 'gone';
      } catch (err) {
        if (err instanceof AppError && err.category === 'conflict') return 'gone';
        throw err;
      }
      await endTrial(deps, model, version, 'validated', outcome, reason, evidence, alias);
      deps.telemetry?.event('ChallengerRetired', {
        model,
        version: String(version),
        outcome,
        reason,
        ...(alias.trial && { origin: alias.trial.origin }),
      });
      return 'retired';
    },

    async promote(model, version, evidence) {
      const [challenger, production] = await Promise.all([
        deps.registry.getAlias(model, 'challenger'),
        deps.registry.getAlias(model, 'production'),
      ]);
      if (challenger?.version !== version || production?.version !== evidence.productionVersion) {
        return 'gone';
      }
      const reason = `challenger promoted on live evidence: ${evidence.reason}`;
      try {
        await deps.registry.setAlias(model, 'production', version, production.etag, reason);
      } catch (err) {
        if (err instanceof AppError && err.category === 'conflict') return 'gone';
        throw err;
      }
      // Production has moved: the challenger alias goes even if someone touched it meanwhile.
      await removeAlias(deps, model, version);
      await endTrial(deps, model, version, 'production', 'promoted', reason, evidence, challenger);
      await settleProductionStatuses(deps, model, `challenger v${version} promoted on live evidence`);
      deps.telemetry?.event('ChallengerPromoted', {
        model,
        version: String(version),
        previous: String(production.version),
        rows: String(evidence.rows),
        pValue: String(evidence.pValue),
      });
      return 'promoted';
    },

    async record(model, version, evidence, totals) {
      const target = await deps.registry.getVersion(model, version);
      if (!target?.trial || target.status !== 'challenger') return 'gone';
      await deps.registry.updateVersion(model, version, {
        trial: { ...withComparison(target.trial, evidence), totals },
      });
      return 'recorded';
    },
  };
}

/**
 * Ends the trial of a challenger an operator promoted through the production alias: the
 * challenger alias goes and the trial is recorded as promoted by hand (status stays production).
 */
export async function endPromotedTrial(deps: TrialDeps, model: string, version: number): Promise<void> {
  const alias = await deps.registry.getAlias(model, 'challenger');
  if (alias?.version !== version) return;
  await removeAlias(deps, model, version);
  const target = await deps.registry.getVersion(model, version);
  if (!target?.trial) return;
  const ended = {
    endedAt: clock(deps).toISOString(),
    outcome: 'promoted' as const,
    reason: 'promoted by hand',
  };
  await deps.registry.updateVersion(model, version, { trial: { ...target.trial, ...ended } });
}

async function removeAlias(deps: TrialDeps, model: string, version: number): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const alias = await deps.registry.getAlias(model, 'challenger');
    if (alias?.version !== version) return;
    try {
      await deps.registry.deleteAlias(model, 'challenger', alias.etag);
      return;
    } catch (err) {
      if (!(err instanceof AppError && err.category === 'conflict')) throw err;
    }
  }
}

async function endTrial(
  deps: TrialDeps,
  model: string,
  version: number,
  status: ModelVersion['status'],
  outcome: TrialOutcome,
  reason: string,
  evidence: LiveComparison | undefined,
  alias: Stored<Alias>,
): Promise<void> {
  const target = await deps.registry.getVersion(model, version);
  const base: TrialRecord = target?.trial ?? {
    ...(alias.trial ?? { mode: 'shadow', since: alias.updatedAt, against: null, origin: 'manual' }),
    comparisons: [],
  };
  const ended: TrialRecord = {
    ...(evidence ? withComparison(base, evidence) : base),
    endedAt: clock(deps).toISOString(),
    outcome,
    reason,
  };
  const statusReason = outcome === 'promoted' ? reason : `challenger ${outcome}: ${reason}`;
  await deps.registry.updateVersion(model, version, { status, statusReason, trial: ended });
}

/** The trial with `evidence` last; kept once when it was already recorded (same check time). */
function withComparison(trial: TrialRecord, evidence: LiveComparison): TrialRecord {
  if (trial.comparisons.at(-1)?.checkedAt === evidence.checkedAt) return trial;
  const comparisons = [...trial.comparisons, evidence].slice(-MAX_TRIAL_COMPARISONS);
  return { ...trial, comparisons };
}

/** The deps' clock, or the time now. */
export const clock = (deps: Pick<TrialDeps, 'now'>): Date => deps.now?.() ?? new Date();

/**
 * Ends the challenger's trial by hand (DELETE /aliases/challenger): its version goes back to
 * validated with outcome `retired`. 404 when the model has no challenger.
 */
export async function retireChallenger(
  deps: TrialDeps,
  model: string,
  reason?: string,
): Promise<{ model: string; alias: 'challenger'; version: number; outcome: 'retired' }> {
  const moves = createTrialMoves(deps);
  for (let attempt = 0; attempt < 3; attempt++) {
    const alias = await deps.registry.getAlias(model, 'challenger');
    if (!alias) break;
    const why = reason === undefined ? 'retired by hand' : `retired by hand: ${reason}`;
    if ((await moves.retire(model, alias.version, 'retired', why)) === 'retired') {
      return { model, alias: 'challenger', version: alias.version, outcome: 'retired' };
    }
  }
  throw new AppError('not_found', 'no_challenger', `Model "${model}" has no challenger to retire`, { model });
}
