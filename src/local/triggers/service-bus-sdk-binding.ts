import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ServiceBusReceivedMessage, ServiceBusReceiver } from '@azure/service-bus';
import {
  SERVICE_BUS_MESSAGE_SOURCE,
  type ServiceBusMessageActions,
  type ServiceBusMessageContext,
} from '../../functions/service-bus-message-context';
import type { RpcTypedData } from '../functions-core-types';
import type { RegisteredFunction } from '../registrations';

/** The part of `@azure/functions-extensions-base` the library resolves SDK-binding data with. */
interface ResourceFactoryResolver {
  hasResourceFactory(source: string): boolean;
  registerResourceFactory(source: string, factory: (data: { content?: Uint8Array | null }) => unknown): void;
}

/**
 * Messages handed to SDK-binding invocations, by the key their binding data carries. One table
 * per process because the library's factory resolver is one per process (and serves every
 * runtime started in it).
 */
const handedOut = new Map<string, ServiceBusMessageContext>();

/** True when the function's trigger asks for the SDK binding (`sdkBinding: true`). */
export function isSdkBinding(fn: RegisteredFunction): boolean {
  const properties = fn.trigger.properties as { supportsDeferredBinding?: string } | undefined;
  return properties?.supportsDeferredBinding === 'true';
}

/**
 * Registers, before the app loads, the runtime's factory for Service Bus SDK-binding data, in the
 * resolver the app's `@azure/functions` uses. The preview `@azure/functions-extensions-servicebus`
 * then keeps out (it registers only when none is): its actions call the Functions host over gRPC,
 * which only the host serves; the runtime's settle with its own peek-lock receiver instead.
 */
export function installServiceBusMessageFactory(appRequire: NodeJS.Require): void {
  let resolver: ResourceFactoryResolver;
  try {
    const library = createRequire(appRequire.resolve('@azure/functions'));
    resolver = (
      library('@azure/functions-extensions-base') as {
        ResourceFactoryResolver: { getInstance(): ResourceFactoryResolver };
      }
    ).ResourceFactoryResolver.getInstance();
  } catch {
    return; // a library without SDK bindings: nothing can ask for one
  }
  if (resolver.hasResourceFactory(SERVICE_BUS_MESSAGE_SOURCE)) return;
  resolver.registerResourceFactory(SERVICE_BUS_MESSAGE_SOURCE, (data) => {
    const key = Buffer.from(data.content ?? []).toString('utf8');
    const context = handedOut.get(key);
    if (!context) throw new Error(`No Service Bus message is in flight for binding data "${key}"`);
    return context;
  });
}

/** One message handed to an SDK-binding invocation, with its settlement as the handler did it. */
export interface SdkBindingDelivery {
  /** The trigger's input data (ModelBindingData naming the message). */
  readonly data: RpcTypedData;
  /** How the handler settled the message, if it did. */
  readonly settled: () => 'completed' | 'abandoned' | 'deadLettered' | undefined;
  /** Forgets the message once the invocation is over. */
  release(): void;
}

/**
 * Hands a received message to an SDK-binding invocation: the handler gets it with actions that
 * settle it through `receiver`. Without a receiver (an on-demand run of a message that never
 * came from a queue) settling only records what was asked.
 */
export function deliverToSdkBinding(
  message: ServiceBusReceivedMessage,
  receiver: ServiceBusReceiver | undefined,
): SdkBindingDelivery {
  const key = randomUUID();
  let settled: ReturnType<SdkBindingDelivery['settled']>;
  const settle = async (how: NonNullable<typeof settled>, act?: () => Promise<void>): Promise<void> => {
    if (settled) throw new Error(`The message was already ${settled}`);
    if (act) await act();
    settled = how;
  };
  const actions: ServiceBusMessageActions = {
    complete: (m) => settle('completed', receiver && (() => receiver.completeMessage(m))),
    abandon: (m) => settle('abandoned', receiver && (() => receiver.abandonMessage(m))),
    deadletter: (m, _properties, reason, description) => {
      const options = {
        deadLetterReason: reason?.value ?? '',
        deadLetterErrorDescription: description?.value ?? '',
      };
      return settle('deadLettered', receiver && (() => receiver.deadLetterMessage(m, options)));
    },
  };
  handedOut.set(key, { messages: message, actions });
  return {
    data: {
      modelBindingData: {
        version: '1.0',
        source: SERVICE_BUS_MESSAGE_SOURCE,
        contentType: 'application/octet-stream',
        content: Buffer.from(key, 'utf8'),
      },
    },
    settled: () => settled,
    release: () => void handedOut.delete(key),
  };
}
