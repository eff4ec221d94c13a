import type { InvocationContext } from '@azure/functions';
import { AppError } from '../errors';
import { ingestUpload, type IncomingBlob } from '../pipeline/byo';
import { pipelineDeps } from './app-context';
import { pipelineBlobTrigger } from './blob-trigger';

// The use case fails its own run (the run id comes from both files' ETags); the runner retries the rest.
pipelineBlobTrigger('ingestUploadedModel', 'INCOMING_MODELS_CONTAINER', async (_blob, context) => {
  const blob = incomingBlobFrom(context);
  const outcome = await ingestUpload(pipelineDeps(), blob);
  const what = `${blob.container}/${blob.model}/${blob.name}: ${outcome.kind}`;
  if (outcome.kind === 'failed')
    context.warn(`${what} (${outcome.runId}, ${outcome.code}): ${outcome.reason}`);
  else context.log('runId' in outcome ? `${what} (${outcome.runId})` : `${what}: ${outcome.reason}`);
});

/** The trigger's metadata as the use case's input; the content is read again at a known ETag. */
function incomingBlobFrom(context: InvocationContext): IncomingBlob {
  const meta = context.triggerMetadata ?? {};
  const path = String(meta.blobTrigger ?? '');
  const properties = (meta.properties ?? {}) as { eTag?: unknown };
  const blob = {
    container: path.slice(0, path.indexOf('/')),
    model: String(meta.model ?? ''),
    name: String(meta.name ?? ''),
    etag: typeof properties.eTag === 'string' ? properties.eTag : '',
  };
  if (!blob.container || !blob.model || !blob.name || !blob.etag) {
    throw new AppError(
      'internal',
      'bad_trigger',
      'Blob trigger metadata lacks blobTrigger, model, name or properties.eTag',
    );
  }
  return blob;
}
