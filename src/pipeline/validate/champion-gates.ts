import type { GateRecord } from '../../domain/model-version';
import type { Task } from '../../ml/matrix';
import { evaluate, type MetricSet } from '../../ml/metrics';
import type { Gate } from '../spec/gate';
import { asPrediction } from '../train/prediction-shape';
import { evaluateGates } from './gates';
import type { ChampionScore } from './score-champion';
import type { HoldoutScores } from './score-holdout';

/**
 * The gates as the version records them: thresholds on the candidate's holdout metrics, change
 * gates on the rows the champion never saw (the candidate scored on those same rows), and a
 * record of how the comparison went. A candidate whose scores there equal the champion's exactly
 * fails: it is the same model again, with nothing to gain from a promotion.
 */
export function championGates(
  gates: readonly Gate[],
  task: Task,
  metrics: MetricSet,
  scores: HoldoutScores,
  champion: ChampionScore | undefined,
): GateRecord[] {
  if (champion === undefined) return evaluateGates(gates, metrics).map(toRecord);
  const label = `production v${champion.version}`;
  if (champion.kind === 'incompatible') {
    return [
      ...evaluateGates(gates, metrics, undefined, champion.reason).map(toRecord),
      { passed: true, reason: champion.reason, gate: { check: 'champion' } },
    ];
  }
  const { comparison } = champion;
  const note: GateRecord = { passed: true, reason: comparison.reason, gate: { check: 'champion' } };
  if (champion.kind === 'too_few') {
    const why = `not compared with ${label} (${comparison.rows} holdout rows it never saw)`;
    return [...evaluateGates(gates, metrics, undefined, why).map(toRecord), note];
  }
  const candidate = metricsOnRows(task, scores, champion.rows);
  const records = evaluateGates(gates, metrics, { label, metrics: champion.metrics, candidate }).map(
    toRecord,
  );
  const names = Object.keys(champion.metrics).filter((k) => k !== 'count');
  if (names.length > 0 && names.every((k) => candidate[k] === champion.metrics[k])) {
    records.push({
      passed: false,
      reason: `scores exactly equal to ${label}'s on the ${comparison.rows} rows compared: not promoted`,
      gate: { check: 'champion_equal' },
    });
  }
  return [...records, note];
}

/** The candidate's metrics on some of its holdout rows (indices into the holdout). */
export function metricsOnRows(task: Task, scores: HoldoutScores, rows: readonly number[]): MetricSet {
  const w = scores.nOutputs;
  const output = new Float64Array(rows.length * w);
  rows.forEach((r, i) => output.set(scores.output.subarray(r * w, (r + 1) * w), i * w));
  const actual = Float64Array.from(rows, (r) => scores.actual[r]);
  return evaluate(task, actual, asPrediction(task, output, w));
}

function toRecord(v: { gate: Gate; passed: boolean; reason: string }): GateRecord {
  return { passed: v.passed, reason: v.reason, gate: { ...v.gate } };
}
