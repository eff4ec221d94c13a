import { AppError } from '../../errors';
import type { Alias, ChallengerTrial, DeploymentMode } from '../../domain/alias';
import type { TrialRecord } from '../../domain/trial';
import type { Stored } from '../../platform/ports/stored';
import { clock, type TrialDeps } from './trial-moves';

export interface StartTrialCommand {
  readonly model: string;
  readonly version: number;
  readonly mode: DeploymentMode;
  /** Canary only: 0 < share < 1. */
  readonly share?: number;
  readonly origin: ChallengerTrial['origin'];
  readonly reason?: string;
}

/** What the challenger alias answers: the alias as stored, and the trial it started. */
export type StartedTrial = Stored<Alias> & { readonly trial: ChallengerTrial };

/**
 * Puts a validated version on trial beside production: creates the challenger alias (create
 * only, so two starters cannot both win) with how it meets traffic, and marks the version
 * `challenger` with an empty trial record. The same version already on trial in the same mode is
 * answered as it is (a redelivered register message). 409s: not validated, already production,
 * another challenger, no production version to compare with.
 */
export async function startTrial(deps: TrialDeps, cmd: StartTrialCommand): Promise<StartedTrial> {
  const { model, version } = cmd;
  const target = await deps.registry.getVersion(model, version);
  if (!target) {
    throw new AppError('not_found', 'version_not_found', `Model "${model}" has no version ${version}`, {
      model,
      version,
    });
  }
  const [production, current] = await Promise.all([
    deps.registry.getAlias(model, 'production'),
    deps.registry.getAlias(model, 'challenger'),
  ]);
  const same =
    current?.version === version &&
    current.trial?.mode === cmd.mode &&
    (cmd.mode !== 'canary' || current.trial.share === cmd.share);
  if (same && current.trial) {
    // Started before: a start cut off between the alias and the version write is finished here.
    if (target.status !== 'challenger') await markChallenger(deps, cmd, current.trial, current.reason);
    return current as StartedTrial;
  }
  if (current) {
    throw new AppError(
      'conflict',
      'challenger_exists',
      `Model "${model}" already has a challenger, version ${current.version}: retire it first (DELETE /api/models/${model}/aliases/challenger)`,
      { model, challenger: current.version },
    );
  }
  if (!production) {
    throw new AppError(
      'conflict',
      'no_production_version',
      `Model "${model}" has no production version for a challenger to be compared with: promote version ${version} instead`,
      { model },
    );
  }
  if (production.version === version) {
    throw new AppError(
      'conflict',
      'challenger_is_production',
      `Version ${version} of "${model}" is already production: a challenger must be another version`,
      { model, version },
    );
  }
  if (target.status !== 'validated') {
    const why = target.statusReason ? ` (${target.statusReason})` : '';
    throw new AppError(
      'conflict',
      'version_not_validated',
      `Version ${version} of "${model}" is ${target.status}${why}: only a validated version can be a challenger`,
      { model, version, status: target.status },
    );
  }
  const trial: ChallengerTrial = {
    mode: cmd.mode,
    ...(cmd.mode === 'canary' && cmd.share !== undefined && { share: cmd.share }),
    since: clock(deps).toISOString(),
    against: production.version,
    origin: cmd.origin,
  };
  const why = cmd.reason ?? `${cmd.mode} trial (${cmd.origin})`;
  let alias: Stored<Alias>;
  try {
    alias = await deps.registry.setAlias(model, 'challenger', version, null, why, trial);
  } catch (err) {
    if (!(err instanceof AppError && err.category === 'conflict')) throw err;
    const winner = await deps.registry.getAlias(model, 'challenger');
    throw new AppError(
      'conflict',
      'challenger_exists',
      `Model "${model}" got a challenger (version ${winner?.version ?? '?'}) while this one was set: retire it first`,
      { model, ...(winner && { challenger: winner.version }) },
    );
  }
  await markChallenger(deps, cmd, trial, why);
  deps.telemetry?.event('ChallengerStarted', {
    model,
    version: String(version),
    mode: trial.mode,
    against: String(production.version),
    origin: trial.origin,
  });
  return { ...alias, trial };
}

/** `shadow` or `canary 10%`. */
function describeMode(trial: Pick<ChallengerTrial, 'mode' | 'share'>): string {
  return trial.mode === 'canary' ? `canary ${Math.round((trial.share ?? 0) * 1000) / 10}%` : 'shadow';
}

async function markChallenger(
  deps: TrialDeps,
  cmd: StartTrialCommand,
  trial: ChallengerTrial,
  why: string | undefined,
): Promise<void> {
  const record: TrialRecord = { ...trial, comparisons: [] };
  const against = trial.against === null ? '' : ` against v${trial.against}`;
  await deps.registry.updateVersion(cmd.model, cmd.version, {
    status: 'challenger',
    statusReason: `challenger (${describeMode(trial)})${against}: ${why ?? cmd.reason ?? trial.origin}`,
    trial: record,
  });
}
