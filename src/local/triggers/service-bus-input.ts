import type { ServiceBusReceivedMessage } from '@azure/service-bus';
import type { RpcTypedData } from '../functions-core-types';
import type { TriggerInput } from '../invoker';
import type { RegisteredFunction } from '../registrations';
import { intData, stringData } from '../typed-data';

/** The message body as text: JSON for objects (the library parses it back), UTF-8 for bytes. */
export function bodyText(message: ServiceBusReceivedMessage): string {
  const body: unknown = message.body;
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  return JSON.stringify(body ?? null);
}

export type MessageFacts = Pick<ServiceBusReceivedMessage, 'messageId' | 'deliveryCount'> &
  Partial<
    Pick<ServiceBusReceivedMessage, 'enqueuedTimeUtc' | 'lockToken' | 'sequenceNumber' | 'contentType'>
  >;

/**
 * The host's Service Bus trigger data. The AMQP header counts earlier deliveries; the host's
 * DeliveryCount includes this one, hence + 1.
 */
export function triggerInput(fn: RegisteredFunction, body: RpcTypedData, m: MessageFacts): TriggerInput {
  const metadata: TriggerInput['triggerMetadata'] = {
    MessageId: stringData(String(m.messageId ?? '')),
    DeliveryCount: intData((m.deliveryCount ?? 0) + 1),
  };
  if (m.enqueuedTimeUtc) metadata.EnqueuedTimeUtc = stringData(m.enqueuedTimeUtc.toISOString());
  if (m.lockToken) metadata.LockToken = stringData(m.lockToken);
  if (m.sequenceNumber) metadata.SequenceNumber = intData(m.sequenceNumber.toNumber());
  if (m.contentType) metadata.ContentType = stringData(m.contentType);
  return { inputData: [{ name: fn.trigger.name, data: body }], triggerMetadata: metadata };
}
