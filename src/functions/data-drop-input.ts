import type { InvocationContext } from '@azure/functions';
import { AppError } from '../errors';
import { runIdFor } from '../domain/ids';
import { retrainLineageFrom } from '../domain/retrain-lineage';
import type { DataDrop } from '../domain/data-drop';

/**
 * The blob trigger's content and metadata as a DataDrop (the run id from blob name and ETag; the
 * retrain lineage from the blob's metadata, when a retrain request assembled it).
 */
export function dataDropFrom(blob: unknown, context: InvocationContext): DataDrop {
  const meta = context.triggerMetadata ?? {};
  const model = String(meta.model ?? '');
  const name = String(meta.name ?? '');
  const properties = (meta.properties ?? {}) as { eTag?: unknown; contentLength?: unknown };
  const etag = typeof properties.eTag === 'string' ? properties.eTag : '';
  if (!model || !name || !etag) {
    throw new AppError(
      'internal',
      'bad_trigger',
      'Blob trigger metadata lacks model, name or properties.eTag',
    );
  }
  const content = Buffer.isBuffer(blob)
    ? blob
    : blob instanceof Uint8Array
      ? Buffer.from(blob)
      : Buffer.from(String(blob ?? ''));
  const size = typeof properties.contentLength === 'number' ? properties.contentLength : content.byteLength;
  const blobName = `${model}/${name}`;
  const retrain = retrainLineageFrom(meta.metadata as Record<string, unknown> | undefined);
  return {
    model,
    name,
    blobName,
    etag,
    size,
    content,
    runId: runIdFor(blobName, etag),
    ...(retrain ? { retrain } : {}),
  };
}
