import { randomUUID } from 'node:crypto';
import type { DequeuedMessageItem, QueueClient } from '@azure/storage-queue';
import { resolveSettingReferences, type AppSettings } from '../app-settings';
import type { HostConfig } from '../host-config';
import type { RuntimeLogger } from '../invocation-log';
import type { Invoker, TriggerInput } from '../invoker';
import type { OutputBindings } from './output-bindings';
import { DEFAULT_QUEUE_LEASE_SECONDS, QueueMessageLease } from './queue-lease';
import { decodeQueueMessage } from './queue-message-codec';
import type { RegisteredFunction } from '../registrations';
import { InFlight, StopSignal } from './stop-signal';
import { storageConnectionString, type StorageClients } from './storage-connection';
import { intData, stringData } from '../typed-data';
import type { TriggerDriver } from './trigger-driver';

/** First wait after an empty poll; doubles up to host.json maxPollingInterval. */
const MIN_POLL_MS = 100;

interface Listener {
  fn: RegisteredFunction;
  queue: QueueClient;
  poison: QueueClient;
}

export interface QueueDriverDeps {
  functions: RegisteredFunction[];
  invoker: Invoker;
  outputs: OutputBindings;
  clients: StorageClients;
  settings: AppSettings;
  host: HostConfig;
  logger: RuntimeLogger;
  /** How long a received message stays hidden between lease renewals (default 30 s). */
  leaseSeconds?: number;
}

/**
 * Storage queue triggers as host.json says: batches of `batchSize`, a new batch when in-flight
 * drops to `newBatchThreshold`, failed messages visible again after `visibilityTimeout`, and
 * after `maxDequeueCount` failures moved to `{queue}-poison`. A message stays hidden while its
 * handler runs by a short lease that is renewed meanwhile (see QueueMessageLease).
 */
export class QueueTriggerDriver implements TriggerDriver {
  readonly triggerType = 'queueTrigger';
  readonly #signal = new StopSignal();
  readonly #work = new InFlight();
  readonly #loops: Promise<void>[] = [];
  readonly #listeners: Listener[];
  readonly #leaseSeconds: number;

  constructor(private readonly deps: QueueDriverDeps) {
    this.#leaseSeconds = deps.leaseSeconds ?? DEFAULT_QUEUE_LEASE_SECONDS;
    this.#listeners = deps.functions.map((fn) => {
      const where = `Function "${fn.metadata.name}"`;
      const name = resolveSettingReferences(
        String(fn.trigger.queueName ?? ''),
        deps.settings,
        `${where} queueName`,
      );
      const service = deps.clients.queue(
        storageConnectionString(fn.trigger.connection, deps.settings, where),
      );
      return { fn, queue: service.getQueueClient(name), poison: service.getQueueClient(`${name}-poison`) };
    });
  }

  async start(): Promise<void> {
    await Promise.all(this.#listeners.map((l) => l.queue.createIfNotExists()));
    for (const listener of this.#listeners) this.#loops.push(this.#poll(listener));
  }

  async stop(): Promise<void> {
    this.#signal.stop();
    await Promise.all(this.#loops);
    await this.#work.drain();
  }

  async invokeOnDemand(fn: RegisteredFunction, input: string): Promise<void> {
    const now = new Date();
    await this.deps.invoker.invoke(
      fn,
      triggerInput(fn, input, {
        messageId: randomUUID(),
        dequeueCount: 1,
        insertedOn: now,
        expiresOn: now,
        nextVisibleOn: now,
        popReceipt: '',
      }),
    );
  }

  async #poll(listener: Listener): Promise<void> {
    const { batchSize, newBatchThreshold, maxPollingIntervalMs } = this.deps.host.queues;
    let wait = MIN_POLL_MS;
    let active = 0;
    while (!this.#signal.stopped) {
      if (active > newBatchThreshold) {
        await this.#signal.sleep(MIN_POLL_MS / 2);
        continue;
      }
      let received: DequeuedMessageItem[] = [];
      try {
        const result = await listener.queue.receiveMessages({
          numberOfMessages: batchSize,
          visibilityTimeout: this.#leaseSeconds,
        });
        received = result.receivedMessageItems;
      } catch (err) {
        this.deps.logger.warn(
          `[${listener.fn.metadata.name}] cannot read queue ${listener.queue.name}: ${(err as Error).message}`,
        );
      }
      if (received.length === 0) {
        await this.#signal.sleep(wait);
        wait = Math.min(wait * 2, Math.max(maxPollingIntervalMs, MIN_POLL_MS));
        continue;
      }
      wait = MIN_POLL_MS;
      for (const message of received) {
        active++;
        this.#work.track(this.#process(listener, message).finally(() => active--));
      }
    }
  }

  async #process(listener: Listener, message: DequeuedMessageItem): Promise<void> {
    const { maxDequeueCount, messageEncoding, visibilityTimeoutMs } = this.deps.host.queues;
    const name = listener.fn.metadata.name;
    try {
      const text = decodeQueueMessage(message.messageText, messageEncoding);
      if (text === undefined) {
        this.deps.logger.warn(
          `[${name}] message ${message.messageId} is not valid ${messageEncoding}; moving it to ${listener.poison.name}.`,
        );
        return await this.#poison(listener, message, message.popReceipt);
      }
      if (message.dequeueCount > maxDequeueCount)
        return await this.#poison(listener, message, message.popReceipt);
      const { handled, popReceipt } = await this.#handle(listener, message, text);
      if (handled) {
        await listener.queue.deleteMessage(message.messageId, popReceipt);
      } else if (message.dequeueCount >= maxDequeueCount) {
        this.deps.logger.warn(
          `[${name}] message ${message.messageId} failed ${message.dequeueCount} times; moving it to ${listener.poison.name}.`,
        );
        await this.#poison(listener, message, popReceipt);
      } else {
        await listener.queue.updateMessage(
          message.messageId,
          popReceipt,
          undefined,
          Math.ceil(visibilityTimeoutMs / 1000),
        );
      }
    } catch (err) {
      // Storage trouble after the handler ran: the lease expires and the message comes back.
      this.deps.logger.error(
        `[${name}] queue bookkeeping failed for message ${message.messageId}: ${(err as Error).message}`,
      );
    }
  }

  /** Runs the handler and writes its outputs, renewing the message's lease meanwhile. */
  async #handle(
    listener: Listener,
    message: DequeuedMessageItem,
    text: string,
  ): Promise<{ handled: boolean; popReceipt: string }> {
    const lease = new QueueMessageLease(
      listener.queue,
      message.messageId,
      message.popReceipt,
      this.#leaseSeconds,
      (err) =>
        this.deps.logger.warn(
          `[${listener.fn.metadata.name}] cannot renew the lease on message ${message.messageId} (${err.message}); it may be delivered again.`,
        ),
    );
    let handled: boolean;
    try {
      const result = await this.deps.invoker.invoke(listener.fn, triggerInput(listener.fn, text, message));
      handled = result.ok && (await this.deps.outputs.tryApply(listener.fn, result.response));
    } finally {
      await lease.end();
    }
    return { handled, popReceipt: lease.popReceipt };
  }

  async #poison(listener: Listener, message: DequeuedMessageItem, popReceipt: string): Promise<void> {
    await listener.poison.createIfNotExists();
    await listener.poison.sendMessage(message.messageText);
    await listener.queue.deleteMessage(message.messageId, popReceipt);
  }
}

type MessageFacts = Pick<
  DequeuedMessageItem,
  'messageId' | 'dequeueCount' | 'insertedOn' | 'expiresOn' | 'nextVisibleOn' | 'popReceipt'
>;

/** The host's queue trigger data: the text (the library parses JSON) and its metadata. */
function triggerInput(fn: RegisteredFunction, text: string, m: MessageFacts): TriggerInput {
  return {
    inputData: [{ name: fn.trigger.name, data: stringData(text) }],
    triggerMetadata: {
      QueueTrigger: stringData(text),
      DequeueCount: intData(m.dequeueCount),
      Id: stringData(m.messageId),
      InsertionTime: stringData(m.insertedOn.toISOString()),
      ExpirationTime: stringData(m.expiresOn.toISOString()),
      NextVisibleTime: stringData(m.nextVisibleOn.toISOString()),
      PopReceipt: stringData(m.popReceipt),
    },
  };
}
