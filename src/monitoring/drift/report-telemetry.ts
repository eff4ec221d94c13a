import type { Telemetry } from '../../platform/ports/telemetry';
import type { DriftRecord } from './drift-record';

/**
 * Drift score per scored feature, live error, a DriftDetected event when the dataset drifted and
 * a DataQualityAlert event when any input breached its data-quality limit.
 */
export function reportTelemetry(
  telemetry: Telemetry,
  model: string,
  reportId: string,
  record: DriftRecord,
): void {
  const base = { model, version: String(record.version) };
  for (const [feature, drift] of Object.entries(record.report?.features ?? {})) {
    if (drift.score !== null)
      telemetry.metric('drift.score', drift.score, { ...base, feature, metric: drift.metric });
  }
  if (record.liveError && record.liveError.value !== null) {
    telemetry.metric('live_error', record.liveError.value, { ...base, metric: record.liveError.metric });
  }
  if (record.status === 'drift') {
    telemetry.event(
      'DriftDetected',
      { ...base, reportId, features: drifted(record).join(',') },
      { driftedShare: record.report?.driftedShare ?? 0, rows: record.rows },
    );
  }
  const breaches = record.report?.qualityBreaches ?? [];
  if (breaches.length > 0) {
    telemetry.event(
      'DataQualityAlert',
      {
        ...base,
        reportId,
        verdict: record.status,
        features: breaches.join(','),
        reason: record.report?.verdictReason ?? '',
      },
      { breachedInputs: breaches.length, rows: record.rows },
    );
  }
}

const drifted = (record: DriftRecord): string[] =>
  Object.entries(record.report?.features ?? {})
    .filter(([, f]) => f.drifted)
    .map(([name]) => name);
