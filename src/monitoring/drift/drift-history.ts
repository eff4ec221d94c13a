import type { Page, PageRequest } from '../../domain/page';
import type { Registry } from '../../platform/ports/registry';
import { requireKnownModel } from '../../domain/known-model';
import { toHistoryItem, type DriftHistoryItem } from './drift-record';
import { DRIFT_KIND } from './drift-window';

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
