/** One drift check as `GET /api/models/{model}/drift` answers it (the fields the CLI shows). */
export interface DriftCheck {
  id: string;
  createdAt: string;
  version: number;
  status: 'drift' | 'data_quality' | 'no_drift' | 'not_enough_data' | 'not_monitorable';
  window?: { from: string; to: string };
  rows?: number;
  reason?: string;
  report: {
    verdictReason?: string;
    driftedShare?: number;
    driftedTopFeatures?: string[];
    qualityBreaches?: string[];
    features?: Record<string, { drifted?: boolean; score?: number | null }>;
    quality?: Record<string, { missingRate?: number; unreadableRate?: number; trainingMissingRate?: number }>;
  } | null;
  liveError: {
    metric: string;
    value: number | null;
    baseline?: number | null;
    limit?: number | null;
    breached: boolean;
  } | null;
  retrain: { sent: boolean; trigger?: string; reason?: string } | null;
}

export interface DriftHistory {
  model: string;
  items: DriftCheck[];
  continuationToken?: string;
}

/**
 * The drifted features in words, e.g. "2 of 5: temperature_c, weather" (highest score first); for
 * a check without enough data, why (no count of drifted features it could not score).
 */
export function driftedFeatures(check: DriftCheck): string {
  if (!check.report) return check.reason ?? '';
  if (check.status === 'not_enough_data') return check.report.verdictReason ?? 'not enough data';
  const features = Object.entries(check.report.features ?? {});
  const drifted = features
    .filter(([, f]) => f.drifted === true)
    .sort(([, a], [, b]) => (b.score ?? 0) - (a.score ?? 0))
    .map(([name]) => name);
  const names = drifted.length > 0 ? drifted : (check.report.driftedTopFeatures ?? []);
  if (features.length === 0) return names.join(', ');
  return `${drifted.length} of ${features.length}${names.length ? `: ${names.join(', ')}` : ''}`;
}

const percent = (x: number | undefined): string => `${Math.round((x ?? 0) * 1000) / 10}%`;

/** Inputs past their data-quality limit, e.g. "temp 100% missing or unreadable (training 0%)". */
export function qualityText(check: DriftCheck): string {
  const report = check.report;
  const breaches = report?.qualityBreaches ?? [];
  return breaches
    .map((name) => {
      const q = report?.quality?.[name];
      const rate = (q?.missingRate ?? 0) + (q?.unreadableRate ?? 0);
      return `${name} ${percent(rate)} missing or unreadable (training ${percent(q?.trainingMissingRate)})`;
    })
    .join(', ');
}

/** The live error in words, e.g. "rmse 41.2 > 30.15 (baseline 20.1)". */
export function liveErrorText(check: DriftCheck): string {
  const e = check.liveError;
  if (!e) return '';
  const round = (n: number | null | undefined): string =>
    n === undefined || n === null ? '?' : String(Number(n.toPrecision(4)));
  return `${e.metric} ${round(e.value)}${e.breached ? ' BREACHED' : ''} (limit ${round(e.limit)}, baseline ${round(e.baseline)})`;
}

export function retrainText(check: DriftCheck): string {
  if (!check.retrain) return '';
  return check.retrain.sent
    ? `asked (${check.retrain.trigger ?? 'drift'})`
    : `not sent: ${check.retrain.reason ?? ''}`;
}
