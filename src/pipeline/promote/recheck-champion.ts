import type { GateRecord, ModelVersion } from '../../domain/model-version';
import type { PipelineDeps } from '../pipeline-deps';
import { parseHoldout } from '../train/holdout-file';
import { scoreCard } from '../validate/card-scoring';
import { championGates } from '../validate/champion-gates';
import { candidateSide, gatesOf } from '../validate/judge-candidate';
import { scoreChampion } from '../validate/score-champion';
import { validatedModel } from '../validate/validated-model';
import { loadVersionFiles } from '../validate/version-files';

/**
 * The change gates again, against a production version that moved after the candidate was
 * validated: the new champion and the validated model are scored on the candidate's holdout
 * rows the new champion never trained on, as in validation.
 */
export async function recheckAgainst(
  deps: Pick<PipelineDeps, 'blobs' | 'registry' | 'settings'>,
  candidate: ModelVersion,
  championVersion: number,
): Promise<GateRecord[]> {
  const files = await loadVersionFiles(deps, candidate.model, candidate.version);
  const blob = await deps.blobs.downloadToBuffer(deps.settings.containers.models, files.card.holdout.path);
  const holdout = parseHoldout(blob.data.toString('utf8'));
  const champion = await scoreChampion(
    deps,
    candidate.model,
    championVersion,
    candidateSide(files.card),
    holdout,
  );
  const validated = await validatedModel(deps, files);
  const scores = await scoreCard(validated.card, validated.onnx, holdout.records);
  const changeGates = gatesOf(files.card).filter(
    (g) => g.minAbsoluteChange !== undefined || g.minRelativeChange !== undefined,
  );
  return championGates(changeGates, { task: files.card.task, scores, metrics: candidate.metrics }, champion);
}
