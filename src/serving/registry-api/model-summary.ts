import { AppError } from '../../errors';
import type { VersionStatus } from '../../domain/model-version';
import type { AliasStore } from '../../platform/ports/alias-store';
import type { RunStore } from '../../platform/ports/run-store';
import type { SpecStore } from '../../platform/ports/spec-store';
import type { VersionStore } from '../../platform/ports/version-store';
import type { ModelSummaryView } from './schemas';

type SummaryRegistry = Pick<AliasStore, 'getAlias'> &
  Pick<SpecStore, 'getSpec'> &
  Pick<VersionStore, 'listVersions'> &
  Pick<RunStore, 'listRuns'>;

/**
 * One model: its production alias (with the ETag a promotion may pass as If-Match) and its
 * challenger with its trial when one is on trial, how many
 * versions it has by status, the latest version and the stored spec. 404 for a model with no
 * version, spec or run.
 */
export async function getModelSummary(registry: SummaryRegistry, model: string): Promise<ModelSummaryView> {
  const [alias, challenger, spec] = await Promise.all([
    registry.getAlias(model, 'production'),
    registry.getAlias(model, 'challenger'),
    registry.getSpec(model),
  ]);
  const statusCounts: Partial<Record<VersionStatus, number>> = {};
  let versionCount = 0;
  let latestVersion: number | undefined;
  let token: string | undefined;
  do {
    const page = await registry.listVersions(model, {
      pageSize: 100,
      ...(token && { continuationToken: token }),
    });
    for (const v of page.items) {
      versionCount += 1;
      latestVersion = Math.max(latestVersion ?? 0, v.version);
      statusCounts[v.status] = (statusCounts[v.status] ?? 0) + 1;
    }
    token = page.continuationToken;
  } while (token);
  if (versionCount === 0 && !spec && !alias) {
    const runs = await registry.listRuns(model, { pageSize: 1 });
    if (runs.items.length === 0) {
      throw new AppError(
        'not_found',
        'model_not_found',
        `Model "${model}" is unknown: it has no runs, versions or spec`,
        {
          model,
        },
      );
    }
  }
  return {
    model,
    ...(alias && {
      production: {
        name: alias.name,
        version: alias.version,
        updatedAt: alias.updatedAt,
        ...(alias.reason !== undefined && { reason: alias.reason }),
        etag: alias.etag,
      },
    }),
    ...(challenger?.trial && {
      challenger: {
        name: challenger.name,
        version: challenger.version,
        updatedAt: challenger.updatedAt,
        ...(challenger.reason !== undefined && { reason: challenger.reason }),
        etag: challenger.etag,
        trial: challenger.trial,
      },
    }),
    versionCount,
    ...(latestVersion !== undefined && { latestVersion }),
    statusCounts,
    ...(spec && {
      spec: { model, spec: spec.spec as Record<string, unknown>, updatedAt: spec.updatedAt, etag: spec.etag },
    }),
  };
}
