import type { ServiceBusClient, ServiceBusSender } from '@azure/service-bus';
import type { MessageQueue, QueueMessage, SendOptions } from '../ports/message-queue';
import { mapServiceBusErrors } from './service-bus-errors';

/**
 * MessageQueue on Service Bus queues. The message id is the idempotency key, so the queue's
 * duplicate detection drops a second send of the same step; a delay becomes a scheduled
 * enqueue time. Queues are not created here: the infrastructure creates them with their
 * duplicate detection, lock duration and maxDeliveryCount.
 */
export class ServiceBusMessageQueue implements MessageQueue {
  readonly #senders = new Map<string, ServiceBusSender>();

  /** `pingQueue` is the queue whose link ping() opens (any pipeline queue). */
  constructor(
    private readonly client: ServiceBusClient,
    private readonly pingQueue: string,
  ) {}

  async send(queue: string, message: QueueMessage, options: SendOptions = {}): Promise<void> {
    if (!Number.isInteger(message.schema))
      throw new TypeError(`Message for ${queue} has no integer schema field`);
    const delay = options.delaySeconds ?? 0;
    await mapServiceBusErrors(`queue ${queue}`, () =>
      this.#sender(queue).sendMessages({
        body: message,
        contentType: 'application/json',
        ...(options.messageId !== undefined && { messageId: options.messageId }),
        ...(delay > 0 && { scheduledEnqueueTimeUtc: new Date(Date.now() + delay * 1000) }),
      }),
    );
  }

  /** Opens (or reuses) a send link: proves the namespace answers and the identity may send. */
  async ping(): Promise<void> {
    await mapServiceBusErrors(`queue ${this.pingQueue}`, () =>
      this.#sender(this.pingQueue).createMessageBatch(),
    );
  }

  /** Closes the send links and the client's connection. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#senders.values()].map((s) => s.close()));
    this.#senders.clear();
    await this.client.close();
  }

  #sender(queue: string): ServiceBusSender {
    let sender = this.#senders.get(queue);
    if (!sender || sender.isClosed) {
      sender = this.client.createSender(queue);
      this.#senders.set(queue, sender);
    }
    return sender;
  }
}
