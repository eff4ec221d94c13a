import { AppError } from '../../errors';
import type { ModelVersion } from '../../domain/model-version';
import type { PipelineDeps } from '../pipeline-deps';
import { recheckAgainst } from './recheck-champion';
import { swapProductionAlias } from './swap-production-alias';

/** Compare-and-swap attempts before giving up: a conflict, so the message is retried. */
const MAX_ATTEMPTS = 10;

export type PromotionResult =
  | { readonly kind: 'promoted'; readonly previous?: number }
  | { readonly kind: 'beaten'; readonly champion: number; readonly reasons: string[] };

/**
 * Moves `production` to the candidate by ETag compare-and-swap. When the alias moved since the
 * candidate was validated (another run promoted meanwhile), the new champion is scored on this
 * candidate's holdout and the change gates are checked again first, so a race can never put a
 * worse model in production. A lost swap re-reads the alias and tries again.
 */
export async function promote(
  deps: Pick<PipelineDeps, 'blobs' | 'registry' | 'settings'>,
  candidate: ModelVersion,
  validatedAgainst: number | undefined,
): Promise<PromotionResult> {
  const { model, version } = candidate;
  let checkedAgainst = validatedAgainst;
  const result = await swapProductionAlias<PromotionResult>(
    deps.registry,
    model,
    MAX_ATTEMPTS,
    async (alias) => {
      if (alias?.version === version) return { stop: { kind: 'promoted' } };
      if (alias && alias.version !== checkedAgainst) {
        const verdicts = await recheckAgainst(deps, candidate, alias.version);
        const failed = verdicts.filter((v) => !v.passed);
        if (failed.length > 0) {
          return { stop: { kind: 'beaten', champion: alias.version, reasons: failed.map((v) => v.reason) } };
        }
        checkedAgainst = alias.version;
      }
      return {
        version,
        reason: `promoted by run ${candidate.runId}`,
        moved: () => ({ kind: 'promoted', ...(alias ? { previous: alias.version } : {}) }),
      };
    },
  );
  if (result) return result;
  throw new AppError(
    'conflict',
    'alias_contention',
    `The production alias of ${model} kept changing during ${MAX_ATTEMPTS} attempts`,
    { model },
  );
}
