import type { QueueClient, QueueServiceClient } from '@azure/storage-queue';
import { mapErrors, type ErrorContext } from '../azure-errors';
import type {
  MessageQueue,
  MessageQueueReceiver,
  QueueMessage,
  ReceivedMessage,
  SendOptions,
} from '../ports/message-queue';
import { decodeMessage, encodeMessage, parseBody } from './message-codec';

const SERVICE = 'Queue storage';
const ctx = (queue: string): ErrorContext => ({ service: SERVICE, what: `queue ${queue}` });
/** Storage queues hold at most 64 KiB of (encoded) text per message. */
const MAX_MESSAGE_CHARS = 64 * 1024;

type MessageRef = Pick<ReceivedMessage, 'messageId' | 'popReceipt'>;

/** MessageQueue (and receiver) on Azure Storage queues (or Azurite). Queues are created once, on first use. */
export class StorageMessageQueue implements MessageQueue, MessageQueueReceiver {
  private readonly ensured = new Map<string, Promise<QueueClient>>();

  constructor(private readonly service: QueueServiceClient) {}

  async send(queue: string, message: QueueMessage, options: SendOptions = {}): Promise<void> {
    if (!Number.isInteger(message.schema))
      throw new TypeError(`Message for ${queue} has no integer schema field`);
    await this.sendRaw(queue, encodeMessage(JSON.stringify(message)), options.delaySeconds);
  }

  async sendRaw(queue: string, raw: string, delaySeconds?: number): Promise<void> {
    if (raw.length > MAX_MESSAGE_CHARS) {
      throw new RangeError(
        `Message for ${queue} is ${raw.length} characters encoded; queues take at most 65536`,
      );
    }
    const client = await this.queue(queue);
    await mapErrors(ctx(queue), () => client.sendMessage(raw, { visibilityTimeout: delaySeconds }));
  }

  async receive(
    queue: string,
    o: { max?: number; visibilitySeconds?: number } = {},
  ): Promise<ReceivedMessage[]> {
    const client = await this.queue(queue);
    const res = await mapErrors(ctx(queue), () =>
      client.receiveMessages({ numberOfMessages: o.max ?? 1, visibilityTimeout: o.visibilitySeconds ?? 30 }),
    );
    return res.receivedMessageItems.map((m) => {
      const text = decodeMessage(m.messageText);
      return {
        messageId: m.messageId,
        popReceipt: m.popReceipt,
        dequeueCount: m.dequeueCount,
        insertedOn: m.insertedOn,
        raw: m.messageText,
        text,
        body: parseBody(text),
      };
    });
  }

  async delete(queue: string, m: MessageRef): Promise<void> {
    const client = await this.queue(queue);
    await mapErrors(ctx(queue), () => client.deleteMessage(m.messageId, m.popReceipt));
  }

  async updateVisibility(queue: string, m: MessageRef, seconds: number): Promise<string> {
    const client = await this.queue(queue);
    const res = await mapErrors(ctx(queue), () =>
      client.updateMessage(m.messageId, m.popReceipt, undefined, seconds),
    );
    if (!res.popReceipt) throw new Error(`Queue ${queue}: visibility update returned no pop receipt`);
    return res.popReceipt;
  }

  async ping(): Promise<void> {
    await mapErrors({ service: SERVICE, what: 'the account' }, () => this.service.getProperties());
  }

  private queue(name: string): Promise<QueueClient> {
    let ready = this.ensured.get(name);
    if (!ready) {
      const client = this.service.getQueueClient(name);
      ready = mapErrors(ctx(name), () => client.createIfNotExists()).then(() => client);
      // Forget a failure so the next call tries again (the service may be back).
      ready.catch(() => this.ensured.delete(name));
      this.ensured.set(name, ready);
    }
    return ready;
  }
}
