import { randomUUID } from 'node:crypto';
import type { ServiceBusClient, ServiceBusReceivedMessage, ServiceBusReceiver } from '@azure/service-bus';
import { resolveSettingReferences, type AppSettings } from '../app-settings';
import type { HostConfig } from '../host-config';
import type { RuntimeLogger } from '../invocation-log';
import type { Invoker } from '../invoker';
import type { OutputBindings } from './output-bindings';
import type { RegisteredFunction } from '../registrations';
import { serviceBusBindingClient } from './service-bus-connection';
import { deliverToSdkBinding, isSdkBinding } from './service-bus-sdk-binding';
import { InFlight, StopSignal } from './stop-signal';
import { bodyText, triggerInput } from './service-bus-input';
import { stringData } from '../typed-data';
import type { TriggerDriver } from './trigger-driver';

/** Longest wait of one receive call; stop() aborts it sooner. */
const RECEIVE_WAIT_MS = 1000;
/** Wait after a failed receive before trying again. */
const RETRY_RECEIVE_MS = 1000;

interface Listener {
  fn: RegisteredFunction;
  queueName: string;
  client: ServiceBusClient;
  receiver?: ServiceBusReceiver;
}

export interface ServiceBusDriverDeps {
  functions: RegisteredFunction[];
  invoker: Invoker;
  outputs: OutputBindings;
  settings: AppSettings;
  host: HostConfig;
  logger: RuntimeLogger;
}

/**
 * Service Bus queue triggers as the host runs them, with the SDK's peek-lock receiver: up to
 * `maxConcurrentCalls` messages at once, each lock renewed while its handler runs (up to
 * `maxAutoLockRenewalDuration`), completed on success and abandoned on failure. The queue's
 * maxDeliveryCount then moves a message that keeps failing to its dead-letter queue. A trigger
 * with `sdkBinding: true` gets the message with actions to settle it itself (complete, abandon,
 * dead-letter with a reason), as the preview Service Bus extension gives it in Azure.
 */
export class ServiceBusTriggerDriver implements TriggerDriver {
  readonly triggerType = 'serviceBusTrigger';
  readonly #signal = new StopSignal();
  readonly #abort = new AbortController();
  readonly #work = new InFlight();
  readonly #loops: Promise<void>[] = [];
  readonly #listeners: Listener[];

  constructor(private readonly deps: ServiceBusDriverDeps) {
    this.#listeners = deps.functions.map((fn) => {
      const where = `Function "${fn.metadata.name}"`;
      const queueName = resolveSettingReferences(
        String(fn.trigger.queueName ?? ''),
        deps.settings,
        `${where} queueName`,
      );
      return { fn, queueName, client: serviceBusBindingClient(fn.trigger.connection, deps.settings, where) };
    });
  }

  async start(): Promise<void> {
    for (const listener of this.#listeners) {
      // Our own renewal below, so it can be bounded and logged as the host does.
      listener.receiver = listener.client.createReceiver(listener.queueName, {
        receiveMode: 'peekLock',
        maxAutoLockRenewalDurationInMs: 0,
      });
      this.#loops.push(this.#receive(listener, listener.receiver));
    }
  }

  async stop(): Promise<void> {
    this.#signal.stop();
    this.#abort.abort();
    await Promise.all(this.#loops);
    await this.#work.drain();
    await Promise.allSettled(this.#listeners.map((l) => l.client.close()));
  }

  async invokeOnDemand(fn: RegisteredFunction, input: string): Promise<void> {
    const facts = { messageId: randomUUID(), deliveryCount: 0 };
    // No queue message behind it: an SDK-binding handler gets one whose settling is a no-op.
    const delivery = isSdkBinding(fn)
      ? deliverToSdkBinding({ ...facts, body: input } as ServiceBusReceivedMessage, undefined)
      : undefined;
    try {
      await this.deps.invoker.invoke(fn, triggerInput(fn, delivery?.data ?? stringData(input), facts));
    } finally {
      delivery?.release();
    }
  }

  async #receive(listener: Listener, receiver: ServiceBusReceiver): Promise<void> {
    const { maxConcurrentCalls } = this.deps.host.serviceBus;
    let active = 0;
    while (!this.#signal.stopped) {
      const room = maxConcurrentCalls - active;
      if (room <= 0) {
        await this.#signal.sleep(50);
        continue;
      }
      let received: ServiceBusReceivedMessage[] = [];
      try {
        received = await receiver.receiveMessages(room, {
          maxWaitTimeInMs: RECEIVE_WAIT_MS,
          abortSignal: this.#abort.signal,
        });
      } catch (err) {
        if (this.#signal.stopped) break;
        this.deps.logger.warn(
          `[${listener.fn.metadata.name}] cannot read Service Bus queue ${listener.queueName}: ${(err as Error).message}`,
        );
        await this.#signal.sleep(RETRY_RECEIVE_MS);
      }
      for (const message of received) {
        active++;
        this.#work.track(this.#process(listener, receiver, message).finally(() => active--));
      }
    }
  }

  async #process(
    listener: Listener,
    receiver: ServiceBusReceiver,
    message: ServiceBusReceivedMessage,
  ): Promise<void> {
    const { fn } = listener;
    const renewal = this.#keepLock(fn.metadata.name, receiver, message);
    const delivery = isSdkBinding(fn) ? deliverToSdkBinding(message, receiver) : undefined;
    try {
      const body = delivery?.data ?? stringData(bodyText(message));
      const result = await this.deps.invoker.invoke(fn, triggerInput(fn, body, message));
      renewal.stop();
      // A handler with the SDK binding may have settled the message itself (autoCompleteMessages
      // false); what it left is settled as the host does: complete on success (unless the
      // trigger turned auto-complete off), abandon on failure.
      if (delivery?.settled()) return;
      if (result.ok && (await this.deps.outputs.tryApply(fn, result.response))) {
        if (fn.trigger.autoCompleteMessages !== false) await receiver.completeMessage(message);
      } else {
        await receiver.abandonMessage(message);
      }
    } catch (err) {
      // Settling failed (the lock was lost, the connection dropped): the lock expires and the
      // message comes back, as with the host.
      this.deps.logger.error(
        `[${fn.metadata.name}] settling Service Bus message ${String(message.messageId)} failed: ${(err as Error).message}`,
      );
    } finally {
      renewal.stop();
      delivery?.release();
    }
  }

  /** Renews the message's lock halfway through each lock period while the handler runs. */
  #keepLock(
    name: string,
    receiver: ServiceBusReceiver,
    message: ServiceBusReceivedMessage,
  ): { stop(): void } {
    const until = Date.now() + this.deps.host.serviceBus.maxAutoLockRenewalDurationMs;
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const schedule = (): void => {
      const lockedUntil = message.lockedUntilUtc?.getTime() ?? Date.now();
      const next = Date.now() + Math.max(0, (lockedUntil - Date.now()) / 2);
      if (stopped || next >= until) return;
      timer = setTimeout(() => {
        receiver.renewMessageLock(message).then(schedule, (err: unknown) => {
          if (!stopped)
            this.deps.logger.warn(
              `[${name}] could not renew the lock of a message: ${(err as Error).message}`,
            );
        });
      }, next - Date.now());
    };
    schedule();
    return {
      stop: () => {
        stopped = true;
        clearTimeout(timer);
      },
    };
  }
}
