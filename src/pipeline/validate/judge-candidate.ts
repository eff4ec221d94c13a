import type { GateRecord, SliceMetric } from '../../domain/model-version';
import { evaluate, sliceMetrics, type MetricSet } from '../../ml/metrics';
import type { PipelineDeps } from '../pipeline-deps';
import { defaultGates, type Gate } from '../spec/gate';
import type { Holdout } from '../train/holdout-file';
import { cardTarget, scoreCard, type AnyCard } from './card-scoring';
import { checkBias } from './bias';
import { evaluateGates, type GateVerdict } from './gates';
import { checkParity } from './parity';
import { scoreChampion, type ChampionScore } from './score-champion';

/** The validation verdict of a candidate, as stored on its version and sent to registration. */
export interface Judgement {
  readonly passed: boolean;
  /** Every check's sentence, failures first. */
  readonly reasons: string[];
  readonly metrics: MetricSet;
  readonly sliceMetrics: SliceMetric[];
  readonly gates: GateRecord[];
  /** The production version compared with, when there was one. */
  readonly championVersion?: number;
}

/** The metric the bias check compares slices by: rmse for regression, log loss for classifiers. */
export const errorMetric = (task: string): string => (task === 'regression' ? 'rmse' : 'log_loss');

/** The spec's gates, or the task's defaults. */
export function gatesOf(card: AnyCard): Gate[] {
  return card.spec.validation.gates ?? defaultGates(card.task);
}

/**
 * Judges a candidate on its holdout: ONNX Runtime against the engine (parity), metrics, slice
 * metrics and the bias check, and the gates against the production model scored on the same rows.
 */
export async function judgeCandidate(
  deps: Pick<PipelineDeps, 'blobs' | 'registry' | 'settings'>,
  card: AnyCard,
  onnx: Uint8Array,
  holdout: Holdout,
): Promise<Judgement> {
  const task = card.task;
  const scores = await scoreCard(card, onnx, holdout.records);
  const parity = checkParity(scores.output, holdout.engine);
  const metrics = finite(evaluate(task, scores.actual, scores.prediction));
  const slices: SliceMetric[] = card.spec.validation.sliceColumns.flatMap((column) =>
    sliceMetrics(
      task,
      scores.actual,
      scores.prediction,
      holdout.records.map((r) => (r[column] === null || r[column] === undefined ? null : String(r[column]))),
    ).map((s) => ({ column, value: s.value, rows: s.count, metrics: finite(s.metrics) })),
  );
  const metric = errorMetric(task);
  const { validation } = card.spec;
  const bias = checkBias(
    slices.map((s) => ({ column: s.column, value: s.value, rows: s.rows, error: s.metrics[metric] ?? NaN })),
    metrics[metric] ?? NaN,
    validation.maxSliceErrorRatio,
    validation.minSliceRows,
  );
  const alias = await deps.registry.getAlias(card.model, 'production');
  const champion =
    alias && alias.version !== card.version
      ? await scoreChampion(deps, card.model, alias.version, cardTarget(card), holdout.records)
      : undefined;
  const gates: GateRecord[] = [
    { passed: parity.passed, reason: parity.reason, gate: { check: 'onnx_parity' } },
    ...gateVerdicts(gatesOf(card), metrics, champion).map(toRecord),
    { passed: bias.passed, reason: `bias: ${bias.reason}`, gate: { check: 'bias', metric } },
  ];
  if (champion?.kind === 'incompatible')
    gates.push({ passed: true, reason: champion.reason, gate: { check: 'champion' } });
  const failed = gates.filter((g) => !g.passed);
  return {
    passed: failed.length === 0,
    reasons: [...failed, ...gates.filter((g) => g.passed)].map((g) => g.reason),
    metrics,
    sliceMetrics: slices,
    gates,
    ...(champion ? { championVersion: champion.version } : {}),
  };
}

/** The gates against the champion's scores (change gates pass, saying why, when there is none to compare). */
export function gateVerdicts(
  gates: readonly Gate[],
  metrics: MetricSet,
  champion: ChampionScore | undefined,
): GateVerdict[] {
  const compared =
    champion?.kind === 'scored'
      ? { label: `production v${champion.version}`, metrics: champion.metrics }
      : undefined;
  return evaluateGates(gates, metrics, compared);
}

/** A gate verdict as the version document records it. */
export function toRecord(v: GateVerdict): GateRecord {
  return { passed: v.passed, reason: v.reason, gate: { ...v.gate } };
}

/** Non-finite metrics (e.g. MAPE with zero actuals) are left out: JSON cannot hold them. */
function finite(metrics: MetricSet): MetricSet {
  return Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number.isFinite(v)));
}
