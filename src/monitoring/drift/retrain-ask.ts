import type { DriftReport } from './report/drift-report';
import type { RetrainAsk } from '../retrain/request-retrain';
import type { LiveError } from './live-error';

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * The retrain a check asks for, or undefined: drift first (it names the features), else a
 * live-error breach, never on a data-quality verdict; the reason says in words what crossed which
 * limit.
 */
export function retrainAsk(
  model: string,
  report: DriftReport,
  liveError: LiveError | null,
  driftReportId: string,
): RetrainAsk | undefined {
  // Retraining on inputs the check could not read would learn the breakage: a data-quality
  // verdict is an alert for people, never a retrain.
  if (report.verdict === 'data_quality') return undefined;
  if (report.verdict === 'drift') {
    const drifted = Object.entries(report.features).filter(([, f]) => f.drifted);
    const total = Object.keys(report.features).length;
    const names = drifted.map(([name]) => name).join(', ');
    const error = liveError?.breached ? `; ${liveErrorWords(liveError)}` : '';
    return {
      model,
      trigger: 'drift',
      reason: `${drifted.length} of ${total} features drifted: ${names}${error}`,
      driftReportId,
    };
  }
  if (liveError?.breached)
    return { model, trigger: 'live_error', reason: liveErrorWords(liveError), driftReportId };
  return undefined;
}

function liveErrorWords(e: LiveError): string {
  const side = e.metric === 'rmse' ? 'above' : 'below';
  return `live ${e.metric} ${round(e.value ?? NaN)} ${side} its limit ${round(e.limit ?? 0)} (validation ${round(e.baseline ?? 0)}) on ${e.matched} rows with feedback`;
}
