/** One drift check as `GET /api/models/{model}/drift` answers it (the fields the CLI shows). */
export interface DriftCheck {
  id: string;
  createdAt: string;
  version: number;
  status: 'drift' | 'no_drift' | 'not_enough_data' | 'not_monitorable';
  window?: { from: string; to: string };
  rows?: number;
  reason?: string;
  report: {
    driftedShare?: number;
    driftedTopFeatures?: string[];
    features?: Record<string, { drifted?: boolean; score?: number }>;
  } | null;
  liveError: { metric: string; value: number; baseline?: number; limit?: number; breached: boolean } | null;
  retrain: { sent: boolean; trigger?: string; reason?: string } | null;
}

export interface DriftHistory {
  model: string;
  items: DriftCheck[];
  continuationToken?: string;
}

/** The drifted features in words, e.g. "2 of 5: temperature_c, weather" (highest score first). */
export function driftedFeatures(check: DriftCheck): string {
  if (!check.report) return check.reason ?? '';
  const features = Object.entries(check.report.features ?? {});
  const drifted = features
    .filter(([, f]) => f.drifted === true)
    .sort(([, a], [, b]) => (b.score ?? 0) - (a.score ?? 0))
    .map(([name]) => name);
  const names = drifted.length > 0 ? drifted : (check.report.driftedTopFeatures ?? []);
  if (features.length === 0) return names.join(', ');
  return `${drifted.length} of ${features.length}${names.length ? `: ${names.join(', ')}` : ''}`;
}

/** The live error in words, e.g. "rmse 41.2 > 30.15 (baseline 20.1)". */
export function liveErrorText(check: DriftCheck): string {
  const e = check.liveError;
  if (!e) return '';
  const round = (n: number | undefined): string => (n === undefined ? '?' : String(Number(n.toPrecision(4))));
  return `${e.metric} ${round(e.value)}${e.breached ? ' BREACHED' : ''} (limit ${round(e.limit)}, baseline ${round(e.baseline)})`;
}

export function retrainText(check: DriftCheck): string {
  if (!check.retrain) return '';
  return check.retrain.sent
    ? `asked (${check.retrain.trigger ?? 'drift'})`
    : `not sent: ${check.retrain.reason ?? ''}`;
}
