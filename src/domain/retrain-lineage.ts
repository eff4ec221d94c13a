import type { RetrainLineage } from './model-version';

export type { RetrainLineage } from './model-version';

// Blob metadata travels as HTTP headers: ASCII only, names lower-case identifiers, 8 KiB in all.
const KEYS = {
  trigger: 'retrain_trigger',
  reason: 'retrain_reason',
  requestedAt: 'retrain_requested_at',
  driftReportId: 'drift_report_id',
  dropRows: 'retrain_drop_rows',
} as const;
const MAX_REASON = 1000;

/** The metadata (copied into the run and version lineage by the train step) the retrain consumer writes on the data blob it assembles. */
export function retrainMetadata(ask: {
  trigger?: string;
  reason: string;
  requestedAt: string;
  driftReportId?: string;
  dropRows?: number;
}): Record<string, string> {
  return {
    [KEYS.trigger]: encodeURIComponent(ask.trigger ?? 'drift'),
    [KEYS.reason]: encodeURIComponent(ask.reason.slice(0, MAX_REASON)),
    [KEYS.requestedAt]: encodeURIComponent(ask.requestedAt),
    ...(ask.driftReportId === undefined
      ? {}
      : { [KEYS.driftReportId]: encodeURIComponent(ask.driftReportId) }),
    ...(ask.dropRows === undefined ? {} : { [KEYS.dropRows]: String(ask.dropRows) }),
  };
}

/** The retrain lineage a data blob's metadata holds; undefined for an ordinary data drop. */
export function retrainLineageFrom(
  metadata: Readonly<Record<string, unknown>> | undefined,
): RetrainLineage | undefined {
  if (!metadata) return undefined;
  // Services may change the case of metadata names: look them up case-insensitively.
  const lower = new Map(Object.entries(metadata).map(([k, v]) => [k.toLowerCase(), v]));
  const read = (key: string): string | undefined => {
    const value = lower.get(key);
    if (typeof value !== 'string') return undefined;
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  };
  const reason = read(KEYS.reason);
  if (reason === undefined) return undefined;
  const driftReportId = read(KEYS.driftReportId);
  const dropRowsText = read(KEYS.dropRows);
  const dropRows =
    dropRowsText !== undefined && /^\d+$/.test(dropRowsText) ? Number(dropRowsText) : undefined;
  return {
    trigger: read(KEYS.trigger) ?? 'drift',
    reason,
    requestedAt: read(KEYS.requestedAt) ?? '',
    ...(driftReportId === undefined ? {} : { driftReportId }),
    ...(dropRows === undefined ? {} : { dropRows }),
  };
}
