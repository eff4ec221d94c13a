import type { ChampionComparison, GateRecord, SliceMetric } from '../../domain/model-version';
import { evaluate, sliceMetrics, type MetricSet } from '../../ml/metrics';
import type { PipelineDeps } from '../pipeline-deps';
import { defaultGates, type Gate } from '../../domain/spec/gate';
import type { Holdout } from '../train/holdout-file';
import { cardTarget, scoreCard, type AnyCard } from './card-scoring';
import { checkBias } from './bias';
import { championGates } from './champion-gates';
import { checkParity } from './parity';
import { scoreChampion, type CandidateSide } from './score-champion';
import { validatedModel } from './validated-model';

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
  /** On which holdout rows, and whether enough were left to compare. */
  readonly comparison?: ChampionComparison;
}

/** The metric the bias check compares slices by: rmse for regression, log loss for classifiers. */
export const errorMetric = (task: string): string => (task === 'regression' ? 'rmse' : 'log_loss');

/** The spec's gates, or the task's defaults. */
export function gatesOf(card: AnyCard): Gate[] {
  return card.spec.validation.gates ?? defaultGates(card.task);
}

/**
 * Judges a candidate on its holdout: ONNX Runtime against the engine for the served model
 * (parity); metrics, slice metrics, the bias check and the gates for the validated model (the
 * same model unless it was refit on all rows), compared with production on the holdout rows
 * production never trained on.
 */
export async function judgeCandidate(
  deps: Pick<PipelineDeps, 'blobs' | 'registry' | 'settings'>,
  card: AnyCard,
  onnx: Uint8Array,
  holdout: Holdout,
): Promise<Judgement> {
  const task = card.task;
  const servedScores = await scoreCard(card, onnx, holdout.records);
  const parity = checkParity(servedScores.output, holdout.engine);
  const validated = await validatedModel(deps, { card, onnx });
  const scores =
    validated.onnx === onnx ? servedScores : await scoreCard(validated.card, validated.onnx, holdout.records);
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
      ? await scoreChampion(deps, card.model, alias.version, candidateSide(card), holdout)
      : undefined;
  const gates: GateRecord[] = [
    { passed: parity.passed, reason: parity.reason, gate: { check: 'onnx_parity' } },
    ...championGates(
      gatesOf(card),
      {
        task,
        scores,
        metrics,
        servedMetrics: evaluate(task, servedScores.actual, servedScores.prediction),
      },
      champion,
    ),
    { passed: bias.passed, reason: `bias: ${bias.reason}`, gate: { check: 'bias', metric } },
  ];
  const failed = gates.filter((g) => !g.passed);
  return {
    passed: failed.length === 0,
    reasons: [...failed, ...gates.filter((g) => g.passed)].map((g) => g.reason),
    metrics,
    sliceMetrics: slices,
    gates,
    ...(champion ? { championVersion: champion.version } : {}),
    ...(champion && champion.kind !== 'incompatible' ? { comparison: champion.comparison } : {}),
  };
}

/** What the champion comparison needs to know of the candidate. */
export function candidateSide(card: AnyCard): CandidateSide {
  // Cards written before minRows existed hold a spec without it: the default then.
  const minRows = (card.spec.validation.minRows as number | undefined) ?? 30;
  return { target: cardTarget(card), timeColumn: card.spec.timeColumn, minRows };
}

/** Non-finite metrics (e.g. MAPE with zero actuals) are left out: JSON cannot hold them. */
function finite(metrics: MetricSet): MetricSet {
  return Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number.isFinite(v)));
}
