import { GREATER_IS_BETTER, type Gate } from '../spec/gate';

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

/**
 * Checks each gate against the candidate's holdout metrics and, for change gates, the champion's
 * metrics on the same holdout rows. Without a champion, change gates pass and say why. A metric
 * the candidate lacks (or that is not finite) fails its gate, since it cannot be shown to pass.
 */
export function evaluateGates(
  gates: readonly Gate[],
  candidate: MetricSet,
  champion?: { readonly label: string; readonly metrics: MetricSet },
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
    if (champion === undefined || championValue === undefined || !Number.isFinite(championValue)) {
      verdicts.push({ gate, passed: true, reason: `${gate.metric}: no production model to compare with` });
    } else {
      verdicts.push(changeVerdict(gate, value, championValue, champion.label));
    }
  }
  return verdicts;
}
