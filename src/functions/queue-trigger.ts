import { app, type InvocationContext } from '@azure/functions';
import { loadPipelineTransport } from '../platform/config';
import { runStep, type RunScope } from './run-outcome';
import { settlingServiceBusHandler } from './service-bus-settlement';
import { SERVICE_BUS_CONNECTION, STORAGE_CONNECTION } from './trigger-connections';

/** The app setting holding a pipeline queue's name (referenced as %NAME% in the trigger). */
export type QueueSetting = 'VALIDATE_QUEUE' | 'REGISTER_QUEUE' | 'DRIFT_QUEUE' | 'RETRAIN_QUEUE';

/**
 * Handles one pipeline message: parses it, says what the run is about (`scope.about`, so a
 * permanent failure is recorded there) and does the work. It does not catch: the runner settles
 * every error by the outcome table (see runStep).
 */
export type PipelineQueueHandler = (
  message: unknown,
  context: InvocationContext,
  scope: RunScope,
) => Promise<void>;

/**
 * Registers a pipeline queue function on the transport PIPELINE_TRANSPORT names when the app
 * loads (default storage), its handler run by runStep. On Storage, a run that failed for good
 * completes its message (the reason is on the run); a retried one is thrown, redelivered up to
 * host.json maxDequeueCount, then moved to `{queue}-poison`. On Service Bus (`app.serviceBusQueue`
 * as an SDK binding that settles its message itself, through the preview
 * `@azure/functions-extensions-servicebus`), a failed run is dead-lettered at once with the
 * reason; a retried one is abandoned, and dead-lettered past the queue's maxDeliveryCount.
 */
export function pipelineQueueTrigger(name: string, queue: QueueSetting, handler: PipelineQueueHandler): void {
  const queueName = `%${queue}%`;
  if (loadPipelineTransport() === 'servicebus') {
    // Registers the factory that turns the host's message data into a ServiceBusMessageContext
    // (unless the local runtime registered its own first). Loaded only for this transport.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@azure/functions-extensions-servicebus');
    app.serviceBusQueue(name, {
      queueName,
      connection: SERVICE_BUS_CONNECTION,
      sdkBinding: true,
      autoCompleteMessages: false,
      cardinality: 'one',
      handler: settlingServiceBusHandler((message, context) =>
        runStep({ trigger: 'service-bus' }, context, (scope) => handler(message, context, scope)),
      ),
    });
  } else {
    app.storageQueue(name, {
      queueName,
      connection: STORAGE_CONNECTION,
      handler: async (message, context) =>
        void (await runStep({ trigger: 'storage-queue' }, context, (scope) =>
          handler(message, context, scope),
        )),
    });
  }
}
