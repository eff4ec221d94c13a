import type { Page, PageRequest } from '../../domain/page';
import type { MonitoringStore } from '../../platform/ports/monitoring-store';
import type { RunStore } from '../../platform/ports/run-store';
import type { SpecStore } from '../../platform/ports/spec-store';
import type { VersionStore } from '../../platform/ports/version-store';
import { requireKnownModel } from '../../domain/known-model';
import { toHistoryItem, type DriftHistoryItem } from './drift-record';
import { DRIFT_KIND } from './drift-window';

/**
 * A model's drift reports, newest first, one page. An empty first page of a model the registry
 * does not know is a 404, so a typo does not read as "no drift yet".
 */
export async function driftHistory(
  registry: Pick<MonitoringStore, 'listMonitoring'> &
    Pick<RunStore, 'listRuns'> &
    Pick<VersionStore, 'listVersions'> &
    Pick<SpecStore, 'getSpec'>,
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
