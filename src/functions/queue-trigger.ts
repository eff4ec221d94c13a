import { app } from '@azure/functions';
import { loadPipelineTransport } from '../platform/config';
import { settlingServiceBusHandler, type PipelineStep } from './service-bus-settlement';

/** The app setting holding a pipeline queue's name (referenced as %NAME% in the trigger). */
export type QueueSetting = 'VALIDATE_QUEUE' | 'REGISTER_QUEUE' | 'DRIFT_QUEUE' | 'RETRAIN_QUEUE';

/** The connection settings the host's triggers read (identity-based: `<name>__...`). */
export const STORAGE_CONNECTION = 'AzureWebJobsStorage';
export const SERVICE_BUS_CONNECTION = 'SERVICEBUS_CONNECTION';

/**
 * Handles one pipeline message. Returning `done` completes it. Returning `failed` (a data error:
 * bad message, spec or data; wrap the work in settleRun, which records the reason on the run)
 * completes it on Storage and dead-letters it at once on Service Bus, with the reason. Throwing
 * leaves it for redelivery, up to the queue's budget (host.json maxDequeueCount on Storage, the
 * queue's maxDeliveryCount on Service Bus), after which it lands in `{queue}-poison` or the
 * dead-letter queue (reason MaxDeliveryCountExceeded).
 */
export type PipelineQueueHandler = PipelineStep;

/**
 * Registers a pipeline queue function on the transport PIPELINE_TRANSPORT names when the app
 * loads (default storage): `app.storageQueue`, or `app.serviceBusQueue` as an SDK binding that
 * settles its message itself (no auto-complete), through the preview
 * `@azure/functions-extensions-servicebus`. Every pipeline queue function registers here.
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
      handler: settlingServiceBusHandler(handler),
    });
  } else {
    app.storageQueue(name, {
      queueName,
      connection: STORAGE_CONNECTION,
      // A failed step has its reason on the run; the message is done with either way.
      handler: async (message, context) => void (await handler(message, context)),
    });
  }
}
