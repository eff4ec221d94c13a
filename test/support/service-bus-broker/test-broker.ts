// A TEST STAND-IN for Azure Service Bus, not Azure's emulator: a small AMQP 1.0 broker on rhea
// that speaks enough of Service Bus for the real @azure/service-bus SDK (connection string with
// UseDevelopmentEmulator=true): SASL ANONYMOUS, CBS put-token, send with duplicate detection,
// peek-lock receive with credit and drain, complete / abandon / dead-letter, delivery count and
// maxDeliveryCount, lock expiry, renew-lock, the `{queue}/$DeadLetterQueue` sub-queue, scheduled
// messages and the 256 KiB size limit. Queues are created on first use; any token is accepted.
// No sessions, topics, transactions, deferral or peek.
import { randomUUID } from 'node:crypto';
import type { AddressInfo, Server } from 'node:net';
import {
  create_container,
  message as amqpMessage,
  type Delivery,
  type EventContext,
  type Sender,
} from 'rhea';
import {
  BrokerQueue,
  DEAD_LETTER_SUFFIX,
  LockLostError,
  parentQueueName,
  type QueueRules,
} from './broker-queue';
import { answerRequest, type RequestHandlers } from './management';
import {
  deliveryTag,
  forDelivery,
  MAX_MESSAGE_BYTES,
  outcomes,
  remoteAttach,
  senders,
  type LocalAttach,
} from './rhea-links';

export interface TestBrokerOptions extends Partial<QueueRules> {
  /** Port to listen on (0 = a free one, the default). */
  port?: number;
}

export interface RunningTestBroker {
  readonly port: number;
  /** A connection string the SDK accepts: plain AMQP on the broker's port. */
  readonly connectionString: string;
  stop(): Promise<void>;
}

/** Service Bus's own defaults are 60 s and 10; the test broker's are shorter so faults show quickly. */
const DEFAULT_RULES: QueueRules = { lockDurationMs: 30_000, maxDeliveryCount: 5, duplicateWindowMs: 600_000 };

/** Starts the broker on 127.0.0.1. */
export async function startServiceBusTestBroker(options: TestBrokerOptions = {}): Promise<RunningTestBroker> {
  const rules: QueueRules = {
    lockDurationMs: options.lockDurationMs ?? DEFAULT_RULES.lockDurationMs,
    maxDeliveryCount: options.maxDeliveryCount ?? DEFAULT_RULES.maxDeliveryCount,
    duplicateWindowMs: options.duplicateWindowMs ?? DEFAULT_RULES.duplicateWindowMs,
  };
  const broker = new Broker(rules);
  const server = await broker.listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    connectionString: `Endpoint=sb://127.0.0.1:${port};SharedAccessKeyName=test;SharedAccessKey=test;UseDevelopmentEmulator=true`,
    stop: () => broker.stop(server),
  };
}

class Broker {
  readonly #queues = new Map<string, BrokerQueue>();
  /** Links receiving from each queue (the broker's senders). */
  readonly #consumers = new Map<string, Set<Sender>>();
  /** Which lock each outgoing delivery holds. */
  readonly #lockOf = new WeakMap<Delivery, { queue: BrokerQueue; token: string }>();
  readonly #container = create_container({
    id: 'service-bus-test-broker',
    treat_modified_as_released: false,
  });
  readonly #handlers: RequestHandlers = {
    renewLock: (entity, token) => this.#queue(entity).renew(token),
  };

  constructor(private readonly rules: QueueRules) {
    const c = this.#container;
    c.sasl_server_mechanisms.enable_anonymous();
    c.on('sender_open', (ctx: EventContext) => this.#onConsumerOpen(ctx));
    c.on('receiver_open', (ctx: EventContext) => {
      const address = remoteAttach(ctx.receiver!).target?.address;
      ctx.receiver!.set_target({ address: address ?? '' });
      // The SDK sizes its sends by the max message size the broker announces (Standard tier: 256 KiB).
      (ctx.receiver! as unknown as LocalAttach).local.attach.max_message_size = MAX_MESSAGE_BYTES;
    });
    c.on('message', (ctx: EventContext) => this.#onMessage(ctx));
    c.on('sendable', (ctx: EventContext) => this.#pump(ctx.sender!));
    c.on('sender_draining', (ctx: EventContext) => {
      this.#pump(ctx.sender!);
      ctx.sender!.set_drained(true);
    });
    c.on('sender_close', (ctx: EventContext) => this.#forget(ctx.sender!));
    c.on('disconnected', (ctx: EventContext) => this.#forgetConnection(ctx));
    c.on('connection_close', (ctx: EventContext) => this.#forgetConnection(ctx));
    c.on('accepted', (ctx: EventContext) => this.#settle(ctx, (q, t) => q.complete(t)));
    c.on('released', (ctx: EventContext) => this.#settle(ctx, (q, t) => q.abandon(t)));
    c.on('modified', (ctx: EventContext) => this.#settle(ctx, (q, t) => q.abandon(t)));
    c.on('rejected', (ctx: EventContext) =>
      this.#settle(ctx, (q, t) => {
        const error = (ctx.delivery!.remote_state as { error?: { info?: Record<string, unknown> } }).error;
        const info = error?.info ?? {};
        q.deadLetter(t, String(info.DeadLetterReason ?? ''), String(info.DeadLetterErrorDescription ?? ''));
      }),
    );
    c.on('error', () => undefined); // a client vanishing is not the broker's failure
  }

  listen(port: number): Promise<Server> {
    return new Promise((resolve, reject) => {
      const server = this.#container.listen({ port, host: '127.0.0.1' }) as Server;
      server.once('listening', () => resolve(server));
      server.once('error', reject);
    });
  }

  async stop(server: Server): Promise<void> {
    for (const q of this.#queues.values()) q.close();
    for (const senders of this.#consumers.values()) for (const s of senders) s.connection.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #queue(address: string): BrokerQueue {
    let q = this.#queues.get(address);
    if (q) return q;
    const parent = parentQueueName(address);
    if (parent !== undefined) {
      this.#queue(parent); // creates both
      return this.#queues.get(address)!;
    }
    const deadLetters = new BrokerQueue(address + DEAD_LETTER_SUFFIX, this.rules, (x) => this.#pumpQueue(x));
    q = new BrokerQueue(address, this.rules, (x) => this.#pumpQueue(x), deadLetters);
    this.#queues.set(address, q);
    this.#queues.set(deadLetters.name, deadLetters);
    return q;
  }

  #onConsumerOpen(ctx: EventContext): void {
    const sender = ctx.sender!;
    const address = String(remoteAttach(sender).source?.address ?? '');
    sender.set_source({ address });
    if (address === '$cbs' || address.endsWith('/$management')) return; // replies only
    const queue = this.#queue(address);
    const set = this.#consumers.get(queue.name) ?? new Set<Sender>();
    set.add(sender);
    this.#consumers.set(queue.name, set);
  }

  #onMessage(ctx: EventContext): void {
    const address = String(remoteAttach(ctx.receiver!).target?.address ?? '');
    const sent = ctx.message!;
    if (address === '$cbs' || address.endsWith('/$management')) {
      const reply = answerRequest(address, sent, this.#handlers);
      const to = this.#replyLink(ctx, String(sent.reply_to ?? ''), address);
      to?.send(reply);
      return;
    }
    const size = amqpMessage.encode(sent).length;
    if (size > MAX_MESSAGE_BYTES) {
      ctx.delivery!.reject({
        condition: 'amqp:link:message-size-exceeded',
        description: `The message is ${size} bytes; the queue takes at most ${MAX_MESSAGE_BYTES}.`,
      });
      return;
    }
    if (parentQueueName(address) !== undefined) {
      ctx.delivery!.reject({
        condition: 'amqp:not-allowed',
        description: 'Cannot send to a dead-letter queue.',
      });
      return;
    }
    const queue = this.#queue(address);
    // Service Bus gives a message without an id one of its own (the SDK settles by it).
    const msg =
      sent.message_id === undefined ? { ...sent, message_id: randomUUID().replace(/-/g, '') } : sent;
    const at = msg.message_annotations?.['x-opt-scheduled-enqueue-time'] as Date | undefined;
    const wait = at instanceof Date ? at.getTime() - Date.now() : 0;
    // A duplicate is accepted and dropped, as Service Bus does.
    if (wait > 0) setTimeout(() => queue.enqueue(msg), wait).unref();
    else queue.enqueue(msg);
  }

  /** The link on the same connection that the request's reply_to names. */
  #replyLink(ctx: EventContext, replyTo: string, address: string): Sender | undefined {
    let fallback: Sender | undefined;
    for (const s of senders(ctx)) {
      if (remoteAttach(s).target?.address === replyTo) return s;
      if (remoteAttach(s).source?.address === address) fallback = s;
    }
    return fallback;
  }

  #pumpQueue(queue: BrokerQueue): void {
    for (const s of this.#consumers.get(queue.name) ?? []) {
      if (queue.availableCount === 0) return;
      this.#pump(s);
    }
  }

  #pump(sender: Sender): void {
    const address = String(sender.source?.address ?? remoteAttach(sender).source?.address ?? '');
    if (!this.#consumers.get(address)?.has(sender)) return;
    const queue = this.#queue(address);
    while (sender.sendable() && queue.availableCount > 0) {
      const lock = queue.lockNext()!;
      const delivery = sender.send(forDelivery(lock.stored.message, lock), deliveryTag(lock.token));
      this.#lockOf.set(delivery, { queue, token: lock.token });
    }
  }

  #settle(ctx: EventContext, apply: (queue: BrokerQueue, token: string) => void): void {
    const delivery = ctx.delivery!;
    const held = this.#lockOf.get(delivery);
    if (!held) return;
    this.#lockOf.delete(delivery);
    try {
      apply(held.queue, held.token);
      delivery.update(true, outcomes.accepted().described());
    } catch (err) {
      if (!(err instanceof LockLostError)) throw err;
      delivery.update(
        true,
        outcomes.rejected({ error: { condition: err.condition, description: err.message } }).described(),
      );
    }
  }

  #forget(sender: Sender): void {
    for (const set of this.#consumers.values()) set.delete(sender);
  }

  /** A closed connection's links stop receiving; its locks stay until they expire, as in Service Bus. */
  #forgetConnection(ctx: EventContext): void {
    for (const set of this.#consumers.values())
      for (const s of set) if (s.connection === ctx.connection) set.delete(s);
  }
}
