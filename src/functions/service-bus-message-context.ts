import type { ServiceBusReceivedMessage } from '@azure/service-bus';

/** A protobuf `google.protobuf.StringValue`, as the host's settlement service takes it. */
export interface StringValue {
  value: string;
}

/**
 * Settles one received message. In Azure, the preview `@azure/functions-extensions-servicebus`
 * implements it over gRPC to the Functions host (which holds the message's lock); in the local
 * runtime, its own peek-lock receiver does. The names and arguments are the package's, except
 * that the dead-letter reason and description are StringValues: 0.2.0-preview declares strings
 * but sends them as they are into StringValue fields, and a string fails to serialize
 * ("deadletterReason: object expected"), so the request never leaves the worker.
 */
export interface ServiceBusMessageActions {
  complete(message: ServiceBusReceivedMessage): Promise<void>;
  abandon(message: ServiceBusReceivedMessage, propertiesToModify?: Uint8Array): Promise<void>;
  deadletter(
    message: ServiceBusReceivedMessage,
    propertiesToModify?: Uint8Array,
    deadletterReason?: StringValue,
    deadletterErrorDescription?: StringValue,
  ): Promise<void>;
}

/** What a Service Bus trigger with `sdkBinding: true` hands its handler (the package's ServiceBusMessageContext). */
export interface ServiceBusMessageContext {
  messages: ServiceBusReceivedMessage | ServiceBusReceivedMessage[];
  actions: ServiceBusMessageActions;
}

/** The source name under which the host passes the trigger data (ModelBindingData.source). */
export const SERVICE_BUS_MESSAGE_SOURCE = 'AzureServiceBusReceivedMessage';
