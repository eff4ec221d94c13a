import type { ServiceBusReceivedMessage } from '@azure/service-bus';

/**
 * Settles one received message. In Azure, the preview `@azure/functions-extensions-servicebus`
 * implements it over gRPC to the Functions host (which holds the message's lock); in the local
 * runtime, its own peek-lock receiver does. The names and arguments are the package's.
 */
export interface ServiceBusMessageActions {
  complete(message: ServiceBusReceivedMessage): Promise<void>;
  abandon(message: ServiceBusReceivedMessage, propertiesToModify?: Uint8Array): Promise<void>;
  deadletter(
    message: ServiceBusReceivedMessage,
    propertiesToModify?: Uint8Array,
    deadletterReason?: string,
    deadletterErrorDescription?: string,
  ): Promise<void>;
}

/** What a Service Bus trigger with `sdkBinding: true` hands its handler (the package's ServiceBusMessageContext). */
export interface ServiceBusMessageContext {
  messages: ServiceBusReceivedMessage | ServiceBusReceivedMessage[];
  actions: ServiceBusMessageActions;
}

/** The source name under which the host passes the trigger data (ModelBindingData.source). */
export const SERVICE_BUS_MESSAGE_SOURCE = 'AzureServiceBusReceivedMessage';
