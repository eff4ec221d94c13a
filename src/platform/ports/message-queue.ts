/** A pipeline message: JSON with a `schema` version field. */
export interface QueueMessage {
  schema: number;
  [field: string]: unknown;
}

export interface SendOptions {
  /** Hidden from consumers for this long first (default 0). */
  delaySeconds?: number;
  /**
   * The idempotency key: Service Bus drops a second message with the same id inside its
   * duplicate-detection window. Storage queues have no such feature and ignore it.
   */
  messageId?: string;
}

/** Sends pipeline messages. Queues are created on first use. */
export interface MessageQueue {
  send(queue: string, message: QueueMessage, options?: SendOptions): Promise<void>;
  /** Resolves when the service answers; an 'unavailable' AppError otherwise. */
  ping(): Promise<void>;
}

/** A received message: its decoded text and, when that is JSON, the parsed body. */
export interface ReceivedMessage {
  messageId: string;
  popReceipt: string;
  /** How many times it has been received, this time included. */
  dequeueCount: number;
  insertedOn?: Date;
  /** The decoded text; undefined when the raw message was not valid for the encoding. */
  text: string | undefined;
  /** The raw message as stored (base64 text). */
  raw: string;
  /** JSON-parsed text, or the text itself when it is not JSON. */
  body: unknown;
}

/** Consumes messages as a queue trigger does: what the local runtime drives triggers with. */
export interface MessageQueueReceiver {
  /** Up to max (default 1, at most 32) messages, each hidden for visibilitySeconds (default 30). */
  receive(queue: string, options?: { max?: number; visibilitySeconds?: number }): Promise<ReceivedMessage[]>;
  delete(queue: string, message: Pick<ReceivedMessage, 'messageId' | 'popReceipt'>): Promise<void>;
  /** Hides the message for seconds more (0 = visible now); returns the new pop receipt. */
  updateVisibility(
    queue: string,
    message: Pick<ReceivedMessage, 'messageId' | 'popReceipt'>,
    seconds: number,
  ): Promise<string>;
  /** Sends already-encoded text unchanged (moving a message to its poison queue). */
  sendRaw(queue: string, raw: string): Promise<void>;
}

/** Where messages go after the retry budget, as the Functions host names it. */
export function poisonQueueName(queue: string): string {
  return `${queue}-poison`;
}
