import type { InvocationContext } from '@azure/functions';
import { AppError } from '../errors';
import { scoringRunIdFor, type ScoringDrop } from '../serving/batch/scoring-drop';

/** The blob trigger's metadata as a ScoringDrop (the run id from blob name and ETag). */
export function scoringDrop(context: InvocationContext): ScoringDrop {
  const meta = context.triggerMetadata ?? {};
  const model = String(meta.model ?? '');
  const name = String(meta.name ?? '');
  const properties = (meta.properties ?? {}) as { eTag?: unknown };
  const etag = typeof properties.eTag === 'string' ? properties.eTag : '';
  if (!model || !name || !etag) {
    throw new AppError(
      'internal',
      'bad_trigger',
      'Blob trigger metadata lacks model, name or properties.eTag',
    );
  }
  const blobName = `${model}/${name}`;
  return { model, name, blobName, etag, runId: scoringRunIdFor(blobName, etag) };
}
