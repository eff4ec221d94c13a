import type { Telemetry } from '../../platform/ports/telemetry';
import type { DriftRecord } from './drift-record';

/** Drift score per feature, live error, and a DriftDetected event when the dataset drifted. */
export function reportTelemetry(
  telemetry: Telemetry,
  model: string,
  reportId: string,
  record: DriftRecord,
): void {
  const base = { model, version: String(record.version) };
  for (const [feature, drift] of Object.entries(record.report?.features ?? {})) {
    telemetry.metric('drift.score', drift.score, { ...base, feature, metric: drift.metric });
  }
  if (record.liveError) {
    telemetry.metric('live_error', record.liveError.value, { ...base, metric: record.liveError.metric });
  }
  if (record.status === 'drift') {
    telemetry.event(
      'DriftDetected',
      { ...base, reportId, features: drifted(record).join(',') },
      { driftedShare: record.report?.driftedShare ?? 0, rows: record.rows },
    );
  }
}

const drifted = (record: DriftRecord): string[] =>
  Object.entries(record.report?.features ?? {})
    .filter(([, f]) => f.drifted)
    .map(([name]) => name);
