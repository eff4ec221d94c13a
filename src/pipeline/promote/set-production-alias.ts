import { AppError } from '../../errors';
import type { ModelVersion, VersionStatus } from '../../domain/model-version';
import type { AliasStore } from '../../platform/ports/alias-store';
import type { VersionStore } from '../../platform/ports/version-store';
import type { Telemetry } from '../../platform/ports/telemetry';
import { settleProductionStatuses } from './production-statuses';
import type { PromotionResult } from '../../domain/promotion';
import { swapProductionAlias } from './swap-production-alias';
import { endPromotedTrial } from './trial-moves';

/** Swap attempts when the caller gave no If-Match: a lost race re-reads the alias and tries again. */
const MAX_ATTEMPTS = 5;

/** Statuses a version may be moved to production from (production itself is a no-op). */
const PROMOTABLE: readonly VersionStatus[] = ['validated', 'challenger', 'archived', 'production'];

export interface PromoteDeps {
  readonly registry: Pick<VersionStore, 'getVersion' | 'listVersions' | 'updateVersion'> &
    Pick<AliasStore, 'getAlias' | 'setAlias' | 'deleteAlias'>;
  /** Receives a VersionPromoted event per promotion or rollback; default none. */
  readonly telemetry?: Telemetry;
}

export interface PromoteCommand {
  readonly model: string;
  readonly version: number;
  readonly reason?: string;
  /** The alias ETag the caller read: promote only if unchanged (one attempt, 409 otherwise). */
  readonly ifMatch?: string;
}

/**
 * Moves `production` to a validated, challenger or archived version by ETag compare-and-swap, as a manual
 * promotion, or a rollback when the target is older than the current production version. The
 * old production version becomes archived and the target production, each with the reason.
 * Already production: nothing changes. Unlike the pipeline's promotion, no gate is re-checked:
 * an operator's choice is the point of this route.
 */
export async function setProductionAlias(deps: PromoteDeps, cmd: PromoteCommand): Promise<PromotionResult> {
  const { model, version } = cmd;
  const attempts = cmd.ifMatch === undefined ? MAX_ATTEMPTS : 1;
  const result = await swapProductionAlias<PromotionResult>(
    deps.registry,
    model,
    attempts,
    async (alias) => {
      const target = await requirePromotable(deps, model, version);
      if (cmd.ifMatch !== undefined && alias?.etag !== cmd.ifMatch) throw moved(model, cmd.ifMatch);
      if (alias?.version === version) {
        if (target.status !== 'production') await settle(deps, model, version, 'production', 'in production');
        return { stop: { model, alias: 'production', version, action: 'unchanged', etag: alias.etag } };
      }
      const action = alias && version < alias.version ? 'rollback' : 'promotion';
      const who = action === 'rollback' ? 'rollback' : 'manual promotion';
      const reason = cmd.reason === undefined ? who : `${who}: ${cmd.reason}`;
      return {
        version,
        reason,
        moved: async (etag) => {
          const replacing = alias ? `, replacing v${alias.version}` : '';
          await settle(deps, model, version, 'production', `${reason}${replacing}`);
          // An operator may end a trial early by promoting its challenger.
          if (target.status === 'challenger') await endPromotedTrial(deps, model, version);
          await settleProductionStatuses(deps, model, `${who} to v${version}`);
          deps.telemetry?.event('VersionPromoted', {
            model,
            version: String(version),
            trigger: 'manual',
            action,
            ...(alias && { previous: String(alias.version) }),
            ...(cmd.reason !== undefined && { reason: cmd.reason }),
          });
          return {
            model,
            alias: 'production',
            version,
            ...(alias && { previous: alias.version }),
            action,
            etag,
          };
        },
      };
    },
    () => {
      if (cmd.ifMatch !== undefined) throw moved(model, cmd.ifMatch);
    },
  );
  if (result) return result;
  throw new AppError(
    'conflict',
    'alias_contention',
    `The production alias of ${model} kept changing during ${MAX_ATTEMPTS} attempts; try again`,
    { model },
  );
}

async function requirePromotable(deps: PromoteDeps, model: string, version: number): Promise<ModelVersion> {
  const target = await deps.registry.getVersion(model, version);
  if (!target) {
    throw new AppError('not_found', 'version_not_found', `Model "${model}" has no version ${version}`, {
      model,
      version,
    });
  }
  if (!PROMOTABLE.includes(target.status)) {
    const why = target.statusReason ? ` (${target.statusReason})` : '';
    throw new AppError(
      'conflict',
      'not_promotable',
      `Version ${version} of ${model} is ${target.status}${why}: only a validated, challenger or archived version can be promoted`,
      {
        model,
        version,
        status: target.status,
        ...(target.statusReason && { statusReason: target.statusReason }),
      },
    );
  }
  return target;
}

function moved(model: string, ifMatch: string): AppError {
  return new AppError(
    'conflict',
    'alias_changed',
    `The production alias of ${model} changed since it was read (If-Match ${ifMatch}); read it again and retry`,
    { model, ifMatch },
  );
}

async function settle(
  deps: PromoteDeps,
  model: string,
  version: number,
  status: VersionStatus,
  statusReason: string,
): Promise<void> {
  await deps.registry.updateVersion(model, version, { status, statusReason });
}
