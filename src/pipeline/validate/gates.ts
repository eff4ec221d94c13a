import { GREATER_IS_BETTER, type Gate } from '../../domain/spec/gate';

/** Metric name → value, as the engine's metrics report them. */
export type MetricSet = Readonly<Record<string, number>>;

/** The outcome of one gate, with the sentence a user reads in the version's record. */
export interface GateVerdict {
  readonly gate: Gate;
  readonly passed: boolean;
  readonly reason: string;
}

const fmt = (value: number): string => (Number.isInteger(value) ? String(value) : value.toPrecision(6));

function thresholdVerdict(gate: Gate, value: number, threshold: number): GateVerdict {
  const higher = GREATER_IS_BETTER.has(gate.metric);
  const passed = higher ? value >= threshold : value <= threshold;
  const relation = higher ? (passed ? 'is at least' : 'is below') : passed ? 'is at most' : 'is above';
  return { gate, passed, reason: `${gate.metric} ${fmt(value)} ${relation} the threshold ${fmt(threshold)}` };
}

function changeVerdict(gate: Gate, value: number, champion: number, championLabel: string): GateVerdict {
  const higher = GREATER_IS_BETTER.has(gate.metric);
  const improvement = higher ? value - champion : champion - value;
  const needed = Math.max(gate.minAbsoluteChange ?? 0, (gate.minRelativeChange ?? 0) * Math.abs(champion));
  const passed = improvement >= needed;
  const direction = higher ? 'higher' : 'lower';
  const reason = passed
    ? `${gate.metric} ${fmt(value)} vs ${championLabel} ${fmt(champion)}: ${direction} by at least the required ${fmt(needed)}`
    : `${gate.metric} ${fmt(value)} vs ${championLabel} ${fmt(champion)}: not ${direction} by the required ${fmt(needed)}`;
  return { gate, passed, reason };
}

/** The champion's metrics on the rows compared, and the candidate's on the same rows. */
export interface ComparedMetrics {
  readonly label: string;
  readonly metrics: MetricSet;
  /** The candidate's metrics on the compared rows; default its holdout metrics (all rows compared). */
  readonly candidate?: MetricSet;
}

/**
 * Checks each gate: thresholds against the candidate's holdout metrics, change gates against the
 * champion on the rows compared. Without a champion, change gates pass and say why (`uncompared`,
 * default: there is no production model). A metric the candidate lacks (or that is not finite)
 * fails its gate, since it cannot be shown to pass.
 */
export function evaluateGates(
  gates: readonly Gate[],
  candidate: MetricSet,
  champion?: ComparedMetrics,
  uncompared = 'no production model to compare with',
): GateVerdict[] {
  const verdicts: GateVerdict[] = [];
  for (const gate of gates) {
    const value = candidate[gate.metric];
    if (value === undefined || !Number.isFinite(value)) {
      verdicts.push({ gate, passed: false, reason: `${gate.metric} could not be computed on the holdout` });
      continue;
    }
    if (gate.threshold !== undefined) verdicts.push(thresholdVerdict(gate, value, gate.threshold));
    if (gate.minAbsoluteChange === undefined && gate.minRelativeChange === undefined) continue;
    const championValue = champion?.metrics[gate.metric];
    const comparedValue = champion?.candidate?.[gate.metric] ?? value;
    if (champion === undefined || championValue === undefined || !Number.isFinite(championValue)) {
      verdicts.push({ gate, passed: true, reason: `${gate.metric}: ${uncompared}` });
    } else {
      verdicts.push(changeVerdict(gate, comparedValue, championValue, champion.label));
    }
  }
  return verdicts;
}
