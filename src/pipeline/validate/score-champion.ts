import type { TargetEncoding } from '../../ml/features/types';
import { evaluate, type MetricSet } from '../../ml/metrics';
import type { PipelineDeps } from '../pipeline-deps';
import { permanentFailure } from '../failure';
import { cardInputColumns, cardTarget, scoreCard } from './card-scoring';
import { loadVersionFiles } from './version-files';

/** The production model on the candidate's holdout: its metrics, or why it cannot be compared. */
export type ChampionScore =
  | { readonly kind: 'scored'; readonly version: number; readonly metrics: MetricSet }
  | { readonly kind: 'incompatible'; readonly version: number; readonly reason: string };

/**
 * Scores the champion on THE SAME holdout rows as the candidate, through its own feature
 * pipeline and ONNX. A champion that cannot take these rows (other target or classes, input
 * columns the rows lack, a broken artifact) is reported as incompatible, with the reason.
 */
export async function scoreChampion(
  deps: Pick<PipelineDeps, 'blobs' | 'registry' | 'settings'>,
  model: string,
  championVersion: number,
  candidate: TargetEncoding,
  records: readonly Record<string, unknown>[],
): Promise<ChampionScore> {
  const incompatible = (reason: string): ChampionScore => ({
    kind: 'incompatible',
    version: championVersion,
    reason: `production v${championVersion} cannot be compared on this holdout (${reason}); judged by thresholds only`,
  });
  let files;
  try {
    files = await loadVersionFiles(deps, model, championVersion);
  } catch (err) {
    const reason = permanentFailure(err);
    if (reason) return incompatible(reason.message);
    throw err;
  }
  const target = cardTarget(files.card);
  if (JSON.stringify(target) !== JSON.stringify(candidate)) {
    return incompatible(`it predicts ${describeTarget(target)}, the candidate ${describeTarget(candidate)}`);
  }
  const columns = new Set(Object.keys(records[0] ?? {}));
  const missing = cardInputColumns(files.card).filter((n) => !columns.has(n));
  if (missing.length > 0) return incompatible(`it needs columns the holdout lacks: ${missing.join(', ')}`);
  try {
    const scores = await scoreCard(files.card, files.onnx, records);
    return {
      kind: 'scored',
      version: championVersion,
      metrics: evaluate(target.task, scores.actual, scores.prediction),
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
