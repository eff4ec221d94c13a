import type { GateRecord, ModelVersion } from '../../domain/model-version';
import type { PipelineDeps } from '../pipeline-deps';
import { parseHoldout } from '../train/holdout-file';
import { gateVerdicts, gatesOf, toRecord } from '../validate/judge-candidate';
import { scoreChampion } from '../validate/score-champion';
import { loadVersionFiles } from '../validate/version-files';
import { cardTarget } from '../validate/card-scoring';

/**
 * The change gates again, against a production version that moved after the candidate was
 * validated: the new champion is scored on the candidate's holdout rows, as in validation.
 */
export async function recheckAgainst(
  deps: Pick<PipelineDeps, 'blobs' | 'registry' | 'settings'>,
  candidate: ModelVersion,
  championVersion: number,
): Promise<GateRecord[]> {
  const { card } = await loadVersionFiles(deps, candidate.model, candidate.version);
  const blob = await deps.blobs.downloadToBuffer(deps.settings.containers.models, card.holdout.path);
  const holdout = parseHoldout(blob.data.toString('utf8'));
  const champion = await scoreChampion(
    deps,
    candidate.model,
    championVersion,
    cardTarget(card),
    holdout.records,
  );
  if (champion.kind === 'incompatible')
    return [{ passed: true, reason: champion.reason, gate: { check: 'champion' } }];
  const changeGates = gatesOf(card).filter(
    (g) => g.minAbsoluteChange !== undefined || g.minRelativeChange !== undefined,
  );
  return gateVerdicts(changeGates, candidate.metrics, champion).map(toRecord);
}
