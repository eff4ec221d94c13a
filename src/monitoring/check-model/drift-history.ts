import type { Page, PageRequest } from '../../domain/page';
import type { Registry } from '../../platform/ports/registry';
import { requireKnownModel } from '../../serving/reads/model-reads';
import { toHistoryItem, type DriftHistoryItem } from './drift-record';
import { DRIFT_KIND } from './drift-window';

/** `GET /api/models/{model}/drift` page size: default 50, at most 200. */
export const DRIFT_PAGE = { defaultSize: 50, maxSize: 200 } as const;

/**
 * A model's drift reports, newest first, one page. An empty first page of a model the registry
 * does not know is a 404, so a typo does not read as "no drift yet".
 */
export async function driftHistory(
  registry: Pick<Registry, 'listMonitoring' | 'listRuns' | 'listVersions' | 'getSpec'>,
  model: string,
  page: PageRequest,
): Promise<{ model: string } & Page<DriftHistoryItem>> {
  const result = await registry.listMonitoring(model, DRIFT_KIND, page);
  if (result.items.length === 0 && page.continuationToken === undefined)
    await requireKnownModel(registry, model);
  return {
    model,
    items: result.items.map(toHistoryItem),
    ...(result.continuationToken !== undefined && { continuationToken: result.continuationToken }),
  };
}
