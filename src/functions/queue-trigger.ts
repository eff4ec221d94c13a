import { app, type InvocationContext } from '@azure/functions';
import { loadPipelineTransport } from '../platform/config';

/** The app setting holding a pipeline queue's name (referenced as %NAME% in the trigger). */
export type QueueSetting = 'VALIDATE_QUEUE' | 'REGISTER_QUEUE' | 'DRIFT_QUEUE' | 'RETRAIN_QUEUE';

/** The connection settings the host's triggers read (identity-based: `<name>__...`). */
export const STORAGE_CONNECTION = 'AzureWebJobsStorage';
export const SERVICE_BUS_CONNECTION = 'SERVICEBUS_CONNECTION';

/**
 * Handles one pipeline message. Returning completes it (the host deletes it). Throwing leaves
 * it for redelivery, up to the queue's budget (host.json maxDequeueCount on Storage, the
 * queue's maxDeliveryCount on Service Bus), after which it lands in `{queue}-poison` or the
 * dead-letter queue (reason MaxDeliveryCountExceeded). Wrap the work in settleRun, so data
 * errors fail their run with the reason and return instead of being retried.
 */
export type PipelineQueueHandler = (message: unknown, context: InvocationContext) => Promise<void>;

/**
 * Registers a pipeline queue function on the transport PIPELINE_TRANSPORT names when the app
 * loads (default storage): `app.storageQueue`, or `app.serviceBusQueue` with the host's
 * peek-lock, lock renewal and auto-complete. Every pipeline queue function registers here.
 *
 * The Node.js programming model cannot settle a Service Bus message itself (explicit
 * dead-lettering needs the preview `@azure/functions-extensions-servicebus` SDK binding), so a
 * data error completes its message after writing the failed run, which holds the reason.
 */
export function pipelineQueueTrigger(name: string, queue: QueueSetting, handler: PipelineQueueHandler): void {
  const queueName = `%${queue}%`;
  if (loadPipelineTransport() === 'servicebus') {
    app.serviceBusQueue(name, { queueName, connection: SERVICE_BUS_CONNECTION, handler });
  } else {
    app.storageQueue(name, { queueName, connection: STORAGE_CONNECTION, handler });
  }
}
