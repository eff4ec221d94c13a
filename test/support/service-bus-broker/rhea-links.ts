// rhea details the test broker relies on: attach frames, a connection's links, disposition
// outcomes, and the shape of a delivered message (lock token as delivery tag, annotations).
import {
  message as amqpMessage,
  string_to_uuid,
  types,
  type EventContext,
  type Message,
  type Receiver,
  type Sender,
} from 'rhea';
import type { Lock } from './broker-queue';

/** The largest message a queue takes (Service Bus Standard tier: 256 KiB). */
export const MAX_MESSAGE_BYTES = 256 * 1024;

/** Lock token as the SDK reads it from a delivery tag (the service sends .NET GUID byte order). */
export function deliveryTag(token: string): Buffer {
  const b = Buffer.from(string_to_uuid(token));
  return Buffer.from([b[3]!, b[2]!, b[1]!, b[0]!, b[5]!, b[4]!, b[7]!, b[6]!, ...b.subarray(8)]);
}

/** The stored message as one delivery carries it: delivery count, lock and sequence annotations. */
export function forDelivery(sent: Message, lock: Lock): Message {
  const { stored } = lock;
  const dl = stored.deadLetter;
  return {
    ...sent,
    delivery_count: lock.priorDeliveries,
    message_annotations: {
      ...sent.message_annotations,
      'x-opt-sequence-number': types.wrap_long(stored.sequenceNumber),
      'x-opt-enqueued-time': stored.enqueuedAt,
      'x-opt-locked-until': lock.lockedUntil,
      ...(dl && { 'x-opt-deadletter-source': dl.source }),
    },
    application_properties: {
      ...sent.application_properties,
      ...(dl && { DeadLetterReason: dl.reason, DeadLetterErrorDescription: dl.description }),
    },
  };
}

/** rhea keeps the attach frames on `remote` and `local`; its typings do not declare them. */
interface AttachFields {
  source?: { address?: string };
  target?: { address?: string };
}
export interface LocalAttach {
  local: { attach: { max_message_size?: number } };
}
export function remoteAttach(link: Sender | Receiver): AttachFields {
  return (link as unknown as { remote: { attach?: AttachFields } }).remote.attach ?? {};
}

export function senders(ctx: EventContext): Sender[] {
  const found: Sender[] = [];
  ctx.connection.each_sender((s: Sender) => found.push(s));
  return found;
}

/** rhea builds outcomes at run time; its typings do not declare the constructors. */
export const outcomes = amqpMessage as unknown as {
  accepted(): { described(): unknown };
  rejected(fields: { error: { condition: string; description: string } }): { described(): unknown };
};
