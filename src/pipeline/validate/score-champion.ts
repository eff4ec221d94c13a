import type { ChampionComparison } from '../../domain/model-version';
import type { TargetEncoding } from '../../ml/features/types';
import { evaluate, type MetricSet } from '../../ml/metrics';
import type { PipelineDeps } from '../pipeline-deps';
import { permanentFailure } from '../failure';
import type { Holdout } from '../train/holdout-file';
import { cardInputColumns, cardTarget, scoreCard } from './card-scoring';
import { metricsOnRows } from './metrics-on-rows';
import { unseenRows } from './unseen-rows';
import { loadVersionFiles } from './version-files';

/** The production model on the candidate's holdout: its metrics on the rows it never saw, or why not. */
export type ChampionScore =
  | {
      readonly kind: 'scored';
      readonly version: number;
      readonly metrics: MetricSet;
      /** Indices into the holdout of the rows compared. */
      readonly rows: number[];
      readonly comparison: ChampionComparison;
      /** On every holdout row, seen or not: only to tell whether the candidate is the same model. */
      readonly allMetrics: MetricSet;
    }
  | {
      readonly kind: 'too_few';
      readonly version: number;
      readonly comparison: ChampionComparison;
      readonly allMetrics: MetricSet;
    }
  | { readonly kind: 'incompatible'; readonly version: number; readonly reason: string };

/** What the comparison needs of the candidate: what it predicts, its time column, the row minimum. */
export interface CandidateSide {
  readonly target: TargetEncoding;
  readonly timeColumn: string | undefined;
  readonly minRows: number;
}

/**
 * Scores the champion on the candidate's holdout rows it never trained on (see unseenRows),
 * through its own feature pipeline and ONNX. Fewer than `minRows` such rows: 'too_few', and the
 * candidate is judged on its absolute gates alone. A champion that cannot take these rows (other
 * target or classes, missing input columns, a broken artifact) is 'incompatible', with the reason.
 */
export async function scoreChampion(
  deps: Pick<PipelineDeps, 'blobs' | 'registry' | 'settings'>,
  model: string,
  championVersion: number,
  candidate: CandidateSide,
  holdout: Holdout,
): Promise<ChampionScore> {
  const incompatible = (reason: string): ChampionScore => ({
    kind: 'incompatible',
    version: championVersion,
    reason: `production v${championVersion} cannot be compared on this holdout (${reason}); judged by thresholds only`,
  });
  try {
    const files = await loadVersionFiles(deps, model, championVersion);
    const target = cardTarget(files.card);
    if (JSON.stringify(target) !== JSON.stringify(candidate.target)) {
      return incompatible(
        `it predicts ${describeTarget(target)}, the candidate ${describeTarget(candidate.target)}`,
      );
    }
    const columns = new Set(Object.keys(holdout.records[0] ?? {}));
    const missing = cardInputColumns(files.card).filter((n) => !columns.has(n));
    if (missing.length > 0) return incompatible(`it needs columns the holdout lacks: ${missing.join(', ')}`);
    const unseen = await unseenRows(deps, files, holdout, candidate.timeColumn);
    const base = {
      championVersion,
      basis: unseen.basis,
      rows: unseen.indices.length,
      holdoutRows: holdout.records.length,
    };
    const scores = await scoreCard(files.card, files.onnx, holdout.records);
    const allMetrics = evaluate(target.task, scores.actual, scores.prediction);
    if (unseen.indices.length < candidate.minRows) {
      const reason = `${unseen.reason}, fewer than validation.minRows ${candidate.minRows}: not compared, judged on the absolute gates alone`;
      const comparison = { ...base, compared: false, reason };
      return { kind: 'too_few', version: championVersion, comparison, allMetrics };
    }
    return {
      kind: 'scored',
      version: championVersion,
      metrics: metricsOnRows(target.task, scores, unseen.indices),
      rows: unseen.indices,
      comparison: { ...base, compared: true, reason: unseen.reason },
      allMetrics,
    };
  } catch (err) {
    const reason = permanentFailure(err);
    if (reason) return incompatible(reason.message);
    throw err;
  }
}

function describeTarget(t: TargetEncoding): string {
  return t.task === 'regression'
    ? `"${t.name}" (regression)`
    : `"${t.name}" (${t.task}: ${t.classes.join(', ')})`;
}
