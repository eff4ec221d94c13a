import { app, type InvocationContext } from '@azure/functions';
import { readSetting } from '../platform/config';
import { runStep, type RunScope } from './run-outcome';
import { STORAGE_CONNECTION } from './trigger-connections';

/** The app setting holding a watched container's name (referenced as %NAME% in the path). */
export type ContainerSetting = 'DATASETS_CONTAINER' | 'INCOMING_MODELS_CONTAINER' | 'SCORING_CONTAINER';

/** Handles one new or changed blob; it does not catch (see pipelineBlobTrigger). */
export type PipelineBlobHandler = (
  blob: unknown,
  context: InvocationContext,
  scope: RunScope,
) => Promise<void>;

/**
 * Registers a function on the blobs `{container}/{model}/{name}`, its handler run by runStep: a
 * run that failed for good is done with (the reason is on the run); a retried one is thrown, so
 * the host tries the blob again and, past its retry budget, lists it in its poison queue.
 */
export function pipelineBlobTrigger(
  name: string,
  container: ContainerSetting,
  handler: PipelineBlobHandler,
): void {
  app.storageBlob(name, {
    path: `%${container}%/{model}/{name}`,
    connection: STORAGE_CONNECTION,
    // Event Grid in Azure (Flex Consumption has no scanning blob trigger); the local runtime scans either way.
    source: readSetting('BLOB_TRIGGER_SOURCE'),
    handler: async (blob, context) =>
      void (await runStep({ trigger: 'blob' }, context, (scope) => handler(blob, context, scope))),
  });
}
