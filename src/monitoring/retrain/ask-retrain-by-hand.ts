import { AppError } from '../../errors';
import { loadSpec } from '../../domain/spec/load-spec';
import type { ModelSpec } from '../../domain/spec/model-spec';
import type { BlobStore } from '../../platform/ports/blob-store';
import type { Registry } from '../../platform/ports/registry';
import { requireKnownModel } from '../../domain/known-model';
import { parseBody } from '../../parse-with-schema';
import { retrainBodySchema } from '../../domain/retrain-schemas';
import { requestRetrain, type RetrainDecision, type RetrainPolicyDeps } from './request-retrain';

export interface ManualRetrainDeps extends Omit<RetrainPolicyDeps, 'registry'> {
  readonly registry: Pick<
    Registry,
    'listRuns' | 'listVersions' | 'getSpec' | 'getMonitoring' | 'putMonitoring'
  >;
  readonly blobs: Pick<BlobStore, 'tryGetProperties' | 'downloadToBuffer'>;
  readonly datasetsContainer: string;
}

export const DEFAULT_MANUAL_REASON = 'asked by hand';

/**
 * A retrain asked by hand (trigger `manual`), under the spec's cooldown policy: 404 for an
 * unknown model, 409 when it has no usable spec, 409 with `nextAllowedAt` when the last ask is
 * inside its cooldown and not yet handled (see retrain-gate.ts).
 */
export async function askRetrainByHand(
  deps: ManualRetrainDeps,
  model: string,
  body: unknown,
): Promise<RetrainDecision & { sent: true }> {
  const { reason } = parseBody(retrainBodySchema, body ?? {}, 'retrain request');
  await requireKnownModel(deps.registry, model);
  const spec = await specOrConflict(deps, model);
  const decision = await requestRetrain(
    deps,
    { model, trigger: 'manual', reason: reason ?? DEFAULT_MANUAL_REASON },
    spec.retrain.cooldownMinutes,
  );
  if (decision.sent) return decision;
  throw new AppError('conflict', 'retrain_cooldown', `Retrain of "${model}" not sent: ${decision.reason}`, {
    model,
    ...(decision.nextAllowedAt === undefined ? {} : { nextAllowedAt: decision.nextAllowedAt }),
  });
}

/** A retrain trains with the spec: none, or one that does not parse, is the model's state, not the request's. */
async function specOrConflict(deps: ManualRetrainDeps, model: string): Promise<ModelSpec> {
  try {
    return await loadSpec({ ...deps, settings: { containers: { datasets: deps.datasetsContainer } } }, model);
  } catch (err) {
    if (err instanceof AppError && err.category === 'invalid') {
      throw new AppError('conflict', err.code, err.message, { model, ...err.details });
    }
    throw err;
  }
}
