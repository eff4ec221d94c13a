import type { GateRecord } from '../../domain/model-version';
import type { Task } from '../../ml/matrix';
import type { MetricSet } from '../../ml/metrics';
import type { Gate } from '../../domain/spec/gate';
import { evaluateGates } from './gates';
import { metricsOnRows } from './metrics-on-rows';
import type { ChampionScore } from './score-champion';
import type { HoldoutScores } from './score-holdout';

/** What the champion gates judge: the validated model's scores and metrics, the served model's metrics. */
export interface CandidateScores {
  readonly task: Task;
  /** The validated model on the holdout. */
  readonly scores: HoldoutScores;
  readonly metrics: MetricSet;
  /** The served model on the whole holdout, to tell whether it is the champion again; optional. */
  readonly servedMetrics?: MetricSet;
}

/**
 * The gates as the version records them: thresholds on the candidate's holdout metrics, change
 * gates on the rows the champion never saw (the candidate scored on those same rows), and a
 * record of how the comparison went. A served model whose scores on the holdout equal the
 * champion's exactly fails: it is the same model again, with nothing to gain from a promotion.
 */
export function championGates(
  gates: readonly Gate[],
  candidate: CandidateScores,
  champion: ChampionScore | undefined,
): GateRecord[] {
  const { metrics } = candidate;
  if (champion === undefined) return evaluateGates(gates, metrics).map(toRecord);
  const label = `production v${champion.version}`;
  if (champion.kind === 'incompatible') {
    return [
      ...evaluateGates(gates, metrics, undefined, champion.reason).map(toRecord),
      { passed: true, reason: champion.reason, gate: { check: 'champion' } },
    ];
  }
  const { comparison } = champion;
  const records =
    champion.kind === 'too_few'
      ? evaluateGates(
          gates,
          metrics,
          undefined,
          `not compared with ${label} (${comparison.rows} holdout rows it never saw)`,
        )
      : evaluateGates(gates, metrics, {
          label,
          metrics: champion.metrics,
          candidate: metricsOnRows(candidate.task, candidate.scores, champion.rows),
        });
  const out = records.map(toRecord);
  if (candidate.servedMetrics && sameScores(candidate.servedMetrics, champion.allMetrics)) {
    out.push({
      passed: false,
      reason: `scores exactly equal to ${label}'s on all ${comparison.holdoutRows} holdout rows: the same model, not promoted`,
      gate: { check: 'champion_equal' },
    });
  }
  out.push({ passed: true, reason: comparison.reason, gate: { check: 'champion' } });
  return out;
}

function sameScores(a: MetricSet, b: MetricSet): boolean {
  const names = Object.keys(b);
  return names.length > 0 && names.every((k) => Object.is(a[k], b[k]));
}

function toRecord(v: { gate: Gate; passed: boolean; reason: string }): GateRecord {
  return { passed: v.passed, reason: v.reason, gate: { ...v.gate } };
}
