import { AppError } from '../../errors';
import type { ModelVersion } from '../../domain/model-version';
import type { RegisterRequest } from '../../domain/messages';
import type { PipelineDeps } from '../pipeline-deps';
import { settleProductionStatuses } from '../promote/production-statuses';
import { isFinished, updateRun } from '../../domain/run-record';
import { promote } from '../promote/promote-candidate';
import { startTrial } from '../promote/start-trial';
import { findSpec } from '../../domain/spec/load-spec';
import type { ModelSpec } from '../../domain/spec/model-spec';
import type { ChallengerTrial, DeploymentMode } from '../../domain/alias';

/** What the register step did. */
export type RegisterOutcome =
  | { readonly kind: 'already_done'; readonly runId: string }
  | { readonly kind: 'rejected'; readonly version: number; readonly reasons: string[] }
  | { readonly kind: 'promoted'; readonly version: number; readonly previous?: number }
  /** Put on trial beside production (deployment.promotion or retrain.promotion shadow/canary). */
  | { readonly kind: 'challenger'; readonly version: number; readonly against: number }
  /** Validated, but left as it is: another version is already on trial. */
  | { readonly kind: 'validated'; readonly version: number; readonly reason: string };

/**
 * Records the verdict on the version (validated or rejected, with reasons) and, when it passed,
 * promotes it (see promote): the old production version becomes `archived`, the new one
 * `production`, and the run ends succeeded with the version number. Safe to redo.
 */
export async function registerVersion(deps: PipelineDeps, req: RegisterRequest): Promise<RegisterOutcome> {
  const { model, runId } = req;
  if (isFinished(await deps.registry.getRun(model, runId))) return { kind: 'already_done', runId };
  const number = req.version ?? (await deps.registry.findVersionByRun(model, runId))?.version;
  const version = number === undefined ? undefined : await deps.registry.getVersion(model, number);
  if (!version)
    throw new AppError('invalid', 'no_candidate', `Run ${runId} of ${model} has no version to register`);
  const t0 = performance.now();
  if (!req.passed || version.status === 'rejected') {
    const failed = req.passed
      ? [version.statusReason ?? 'rejected']
      : req.reasons.slice(0, countFailed(version));
    return reject(deps, version, failed.length > 0 ? failed : req.reasons, t0);
  }
  if (version.status === 'archived') return finish(deps, version, t0); // promoted once, then superseded
  if (version.status === 'candidate') {
    await deps.registry.updateVersion(model, version.version, {
      status: 'validated',
      statusReason: 'passed validation',
    });
    deps.telemetry?.event('VersionRegistered', versionProperties(version));
  }
  if (version.status === 'challenger') return finish(deps, version, t0, 'challenger');
  const trial = version.status === 'production' ? undefined : await trialFor(deps, version);
  if (trial) {
    const onTrial = await putOnTrial(deps, version, trial, t0);
    if (onTrial) return onTrial;
  }
  const result = await promote(deps, version, req.championVersion);
  if (result.kind === 'beaten') {
    const reasons = [
      `production moved to v${result.champion} while this version was validated`,
      ...result.reasons,
    ];
    return reject(deps, version, reasons, t0);
  }
  await deps.registry.updateVersion(model, version.version, {
    status: 'production',
    statusReason: `promoted by run ${runId}${result.previous ? `, replacing v${result.previous}` : ''}`,
  });
  await settleProductionStatuses(deps, model, 'promoted after validation');
  if (version.status !== 'production') {
    deps.telemetry?.event('VersionPromoted', {
      ...versionProperties(version),
      trigger: 'validation',
      ...(result.previous ? { previous: String(result.previous) } : {}),
    });
  }
  await finish(deps, version, t0);
  return {
    kind: 'promoted',
    version: version.version,
    ...(result.previous ? { previous: result.previous } : {}),
  };
}

/** The number of failed gate records on the version: the register message lists failures first. */
function countFailed(version: ModelVersion): number {
  return Math.max(1, version.gates.filter((g) => !g.passed).length);
}

/** What every version event carries. */
function versionProperties(version: ModelVersion): Record<string, string> {
  return {
    model: version.model,
    version: String(version.version),
    runId: version.runId,
    source: version.source,
  };
}

async function reject(
  deps: PipelineDeps,
  version: ModelVersion,
  reasons: string[],
  t0: number,
): Promise<RegisterOutcome> {
  const statusReason = reasons.join('; ');
  await deps.registry.updateVersion(version.model, version.version, { status: 'rejected', statusReason });
  deps.telemetry?.event('VersionRejected', { ...versionProperties(version), reason: statusReason });
  await updateRun(deps, version.model, version.runId, {
    status: 'failed',
    stage: 'register',
    progress: 1,
    version: version.version,
    error: { code: 'rejected', message: `Version ${version.version} was rejected: ${statusReason}` },
    finishedAt: new Date().toISOString(),
    timings: { register: Math.round(performance.now() - t0) },
  });
  return { kind: 'rejected', version: version.version, reasons };
}

async function finish(
  deps: PipelineDeps,
  version: ModelVersion,
  t0: number,
  outcome: 'promoted' | 'challenger' = 'promoted',
): Promise<RegisterOutcome> {
  await updateRun(deps, version.model, version.runId, {
    status: 'succeeded',
    stage: 'register',
    progress: 1,
    version: version.version,
    finishedAt: new Date().toISOString(),
    timings: { register: Math.round(performance.now() - t0) },
  });
  if (outcome === 'challenger') {
    const against = version.trial?.against ?? 0;
    return { kind: 'challenger', version: version.version, against };
  }
  return { kind: 'promoted', version: version.version };
}

interface TrialPlan {
  readonly mode: DeploymentMode;
  readonly share: number;
  readonly origin: ChallengerTrial['origin'];
}

/**
 * How a validated version meets traffic, from the model's spec: a retrain's by
 * retrain.promotion (default deployment.promotion, a canary there tried in shadow), any other by
 * deployment.promotion. Undefined: straight to production (direct, or no spec to say otherwise).
 */
async function trialFor(deps: PipelineDeps, version: ModelVersion): Promise<TrialPlan | undefined> {
  let spec: ModelSpec | undefined;
  try {
    spec = await findSpec(deps, version.model);
  } catch {
    return undefined; // a spec broken since training: the default, direct promotion
  }
  if (!spec) return undefined;
  const { deployment } = spec;
  if (version.lineage?.retrain) {
    const mode = spec.retrain.promotion ?? (deployment.promotion === 'direct' ? 'direct' : 'shadow');
    return mode === 'direct' ? undefined : { mode, share: deployment.share, origin: 'retrain' };
  }
  if (deployment.promotion === 'direct') return undefined;
  return { mode: deployment.promotion, share: deployment.share, origin: 'deployment' };
}

/**
 * Makes the validated version the challenger. Undefined when there is no production version
 * yet (the first one is promoted: there is nothing to compare it with). With another challenger
 * already on trial, the version stays validated and the run says so.
 */
async function putOnTrial(
  deps: PipelineDeps,
  version: ModelVersion,
  plan: TrialPlan,
  t0: number,
): Promise<RegisterOutcome | undefined> {
  const { model } = version;
  try {
    const started = await startTrial(deps, {
      model,
      version: version.version,
      mode: plan.mode,
      ...(plan.mode === 'canary' && { share: plan.share }),
      origin: plan.origin,
      reason: `validated by run ${version.runId}`,
    });
    await finish(deps, version, t0);
    return { kind: 'challenger', version: version.version, against: started.trial.against ?? 0 };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === 'no_production_version') return undefined; // the first version: promoted
    if (err.code !== 'challenger_exists') throw err;
    const reason = `validated; not put on trial: ${err.message}`;
    await deps.registry.updateVersion(model, version.version, { status: 'validated', statusReason: reason });
    await finish(deps, version, t0);
    return { kind: 'validated', version: version.version, reason };
  }
}
