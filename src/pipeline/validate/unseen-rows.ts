import type { ChampionComparison } from '../../domain/model-version';
import { DataError } from '../../ml/errors';
import { decodeHashes, hasHash, recordHash } from '../../ml/split/seen-rows';
import { isUploadedCard } from '../../domain/uploaded-model';
import { sha256Hex } from '../../domain/ids';
import type { PipelineDeps } from '../pipeline-deps';
import type { Holdout } from '../train/holdout-file';
import type { VersionFiles } from './version-files';

/** The holdout rows a production version never trained on, and how that was told. */
export interface UnseenRows {
  readonly basis: ChampionComparison['basis'];
  /** Indices into the holdout's records. */
  readonly indices: number[];
  readonly reason: string;
}

/**
 * Picks the holdout rows the champion never saw: later than the latest time it trained on, when
 * both use the same time column; else not among its training rows' hashes; else (an uploaded
 * or older version that recorded neither) every row, saying so.
 */
export async function unseenRows(
  deps: Pick<PipelineDeps, 'blobs' | 'settings'>,
  champion: VersionFiles,
  holdout: Holdout,
  timeColumn: string | undefined,
): Promise<UnseenRows> {
  const n = holdout.records.length;
  const label = `production v${champion.version.version}`;
  const card = isUploadedCard(champion.card) ? undefined : champion.card;
  const through = champion.version.trainedThrough ?? card?.trainedThrough;
  if (through && holdout.times && through.column === timeColumn) {
    const times = holdout.times;
    const indices = range(n).filter((i) => times[i] > through.last);
    return {
      basis: 'time',
      indices,
      reason: `${indices.length} of ${n} holdout rows are later than ${label}'s training data (${through.column} after ${through.label})`,
    };
  }
  if (card?.trainingRows) {
    const ref = card.trainingRows;
    const blob = await deps.blobs.downloadToBuffer(deps.settings.containers.models, ref.path);
    const hashes = sha256Hex(blob.data) === ref.sha256 ? decodeHashes(blob.data) : undefined;
    if (!hashes) throw new DataError('bad_model', `${ref.path} does not match ${label}'s card`);
    const indices = range(n).filter((i) => !hasHash(hashes, recordHash(holdout.records[i], ref.columns)));
    return {
      basis: 'rows',
      indices,
      reason: `${indices.length} of ${n} holdout rows are not among ${label}'s ${ref.count} training rows`,
    };
  }
  return {
    basis: 'all',
    indices: range(n),
    reason: `${label} recorded no training rows to leave out; compared on all ${n} holdout rows`,
  };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
