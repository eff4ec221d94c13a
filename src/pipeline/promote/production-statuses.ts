import type { AliasStore } from '../../platform/ports/alias-store';
import type { VersionStore } from '../../platform/ports/version-store';

/**
 * Archives every version marked production that the alias no longer points to. Each promoter
 * runs it after its own status write, reading the alias afterwards, so whatever order two
 * concurrent promotions interleave in, the last sweep leaves one production version: the alias's.
 */
export async function settleProductionStatuses(
  deps: {
    registry: Pick<AliasStore, 'getAlias'> & Pick<VersionStore, 'listVersions' | 'updateVersion'>;
  },
  model: string,
  why: string,
): Promise<void> {
  const alias = await deps.registry.getAlias(model, 'production');
  let token: string | undefined;
  do {
    const page = await deps.registry.listVersions(model, {
      pageSize: 100,
      ...(token && { continuationToken: token }),
    });
    for (const v of page.items) {
      if (v.status === 'production' && v.version !== alias?.version) {
        await deps.registry.updateVersion(model, v.version, {
          status: 'archived',
          statusReason: `replaced by v${alias?.version ?? '?'} (${why})`,
        });
      }
    }
    token = page.continuationToken;
  } while (token);
}
