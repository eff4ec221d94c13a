import type { ColumnProfile } from '../../ml/profile/types';
import type { MonitoringStore } from '../../platform/ports/monitoring-store';
import type { DriftBaseline } from './report/check-drift';
import { toHistoryItem, type DriftHistoryItem } from './drift-record';
import { DRIFT_KIND, type DriftWindow } from './drift-window';

/** Pages of 50 reports read at most while looking for the reference window. */
const MAX_PAGES = 10;

type Recent = Pick<DriftBaseline, 'recent' | 'referenceNote'>;

/**
 * With `monitoring.reference: "recent"`: the distributions of the version's check `windowsBack`
 * windows before `window` (1 = the one just before), among the earlier checks that could see
 * (verdict drift or no_drift, with stored distributions). When there is none yet, training
 * stands in and the note says why.
 */
export async function recentReference(
  registry: Pick<MonitoringStore, 'listMonitoring'>,
  model: string,
  version: number,
  window: DriftWindow,
  windowsBack: number,
): Promise<Recent> {
  let found = 0;
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await registry.listMonitoring(model, DRIFT_KIND, {
      pageSize: 50,
      ...(token === undefined ? {} : { continuationToken: token }),
    });
    for (const item of result.items.map(toHistoryItem)) {
      if (!usable(item, version, window)) continue;
      found++;
      if (found === windowsBack) return { recent: distributions(item) };
    }
    token = result.continuationToken;
    if (token === undefined) break;
  }
  return {
    referenceNote: `reference "recent" asks for the window ${windowsBack} check${windowsBack > 1 ? 's' : ''} back; version ${version} has ${found} earlier usable check${found === 1 ? '' : 's'}, so the training profile is the reference`,
  };
}

function usable(item: DriftHistoryItem, version: number, window: DriftWindow): boolean {
  return (
    item.version === version &&
    item.window.to <= window.from &&
    (item.status === 'drift' || item.status === 'no_drift') &&
    item.report !== null &&
    Object.values(item.report.features).every((f) => f.current !== undefined)
  );
}

function distributions(item: DriftHistoryItem): NonNullable<DriftBaseline['recent']> {
  const report = item.report!;
  const columns: Record<string, ColumnProfile> = {};
  for (const [name, f] of Object.entries(report.features)) columns[name] = f.current;
  return {
    reportId: item.id,
    columns,
    ...(report.prediction?.current === undefined ? {} : { prediction: report.prediction.current }),
  };
}
