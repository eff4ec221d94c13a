// One queue of the Service Bus test broker: messages in order, peek-locks with expiry, delivery
// counts, duplicate detection by message id, and the dead-letter sub-queue. Plain state, no AMQP.
import { randomUUID } from 'node:crypto';
import type { Message } from 'rhea';

/** Broker-wide queue behaviour (Service Bus sets these per queue; the test broker for all). */
export interface QueueRules {
  /** How long a peek-lock lasts before the message is available again. */
  lockDurationMs: number;
  /** Deliveries after which an abandoned or expired message goes to the dead-letter sub-queue. */
  maxDeliveryCount: number;
  /** How long a message id is remembered for duplicate detection. */
  duplicateWindowMs: number;
}

export interface StoredMessage {
  readonly sequenceNumber: number;
  readonly enqueuedAt: Date;
  /** The message as the sender sent it (header and annotations are set per delivery). */
  readonly message: Message;
  /** Deliveries so far (the AMQP header's delivery-count before the next one). */
  deliveryCount: number;
  deadLetter?: { reason: string; description: string; source: string };
}

export interface Lock {
  readonly token: string;
  readonly stored: StoredMessage;
  /** Deliveries before this one: the AMQP header's delivery-count. */
  readonly priorDeliveries: number;
  lockedUntil: Date;
  timer: NodeJS.Timeout;
}

/** Why a settlement failed, as Service Bus names it. */
export class LockLostError extends Error {
  readonly condition = 'com.microsoft:message-lock-lost';
}

export const DEAD_LETTER_SUFFIX = '/$DeadLetterQueue';

export class BrokerQueue {
  readonly #available: StoredMessage[] = [];
  readonly #locks = new Map<string, Lock>();
  readonly #seenIds = new Map<string, number>();
  #nextSequence = 1;

  constructor(
    readonly name: string,
    private readonly rules: QueueRules,
    /** Called when a message becomes available (sent, abandoned, lock expired). */
    private readonly onAvailable: (queue: BrokerQueue) => void,
    /** The dead-letter sub-queue; undefined for a dead-letter queue itself. */
    private readonly deadLetters?: BrokerQueue,
  ) {}

  get availableCount(): number {
    return this.#available.length;
  }

  /** Adds a sent message; false when its id was seen inside the duplicate window (dropped). */
  enqueue(message: Message, deadLetter?: StoredMessage['deadLetter']): boolean {
    const id = message.message_id === undefined ? undefined : String(message.message_id);
    const now = Date.now();
    if (id !== undefined && !deadLetter) {
      const seen = this.#seenIds.get(id);
      if (seen !== undefined && now - seen < this.rules.duplicateWindowMs) return false;
      this.#seenIds.set(id, now);
    }
    this.#available.push({
      sequenceNumber: this.#nextSequence++,
      enqueuedAt: new Date(now),
      message,
      deliveryCount: 0,
      deadLetter,
    });
    this.onAvailable(this);
    return true;
  }

  /** Locks the next available message for one delivery. */
  lockNext(): Lock | undefined {
    const stored = this.#available.shift();
    if (!stored) return undefined;
    const token = randomUUID();
    const lock: Lock = {
      token,
      stored,
      priorDeliveries: stored.deliveryCount++,
      lockedUntil: new Date(Date.now() + this.rules.lockDurationMs),
      timer: setTimeout(() => this.#expire(token), this.rules.lockDurationMs),
    };
    this.#locks.set(token, lock);
    return lock;
  }

  complete(token: string): void {
    this.#take(token);
  }

  /** Back to the queue for another delivery, or dead-lettered once the delivery budget is spent. */
  abandon(token: string): void {
    this.#returnOrDeadLetter(this.#take(token));
  }

  deadLetter(token: string, reason: string, description: string): void {
    this.#moveToDeadLetters(this.#take(token).stored, reason, description);
  }

  /** Extends a held lock by the lock duration; the new expiry. */
  renew(token: string): Date {
    const lock = this.#held(token);
    clearTimeout(lock.timer);
    lock.lockedUntil = new Date(Date.now() + this.rules.lockDurationMs);
    lock.timer = setTimeout(() => this.#expire(token), this.rules.lockDurationMs);
    return lock.lockedUntil;
  }

  /** Stops every lock timer (broker shutdown). */
  close(): void {
    for (const lock of this.#locks.values()) clearTimeout(lock.timer);
    this.#locks.clear();
  }

  #held(token: string): Lock {
    const lock = this.#locks.get(token);
    if (!lock) {
      throw new LockLostError(
        `The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue ${this.name}.`,
      );
    }
    return lock;
  }

  #take(token: string): Lock {
    const lock = this.#held(token);
    clearTimeout(lock.timer);
    this.#locks.delete(token);
    return lock;
  }

  #expire(token: string): void {
    const lock = this.#locks.get(token);
    if (!lock) return;
    this.#locks.delete(token);
    this.#returnOrDeadLetter(lock);
  }

  #returnOrDeadLetter(lock: Lock): void {
    const { stored } = lock;
    if (this.deadLetters && stored.deliveryCount >= this.rules.maxDeliveryCount) {
      this.#moveToDeadLetters(
        stored,
        'MaxDeliveryCountExceeded',
        `Message could not be consumed after ${this.rules.maxDeliveryCount} delivery attempts.`,
      );
      return;
    }
    // Back at the head, in sequence order, as Service Bus redelivers it first.
    const at = this.#available.findIndex((m) => m.sequenceNumber > stored.sequenceNumber);
    this.#available.splice(at < 0 ? this.#available.length : at, 0, stored);
    this.onAvailable(this);
  }

  #moveToDeadLetters(stored: StoredMessage, reason: string, description: string): void {
    if (!this.deadLetters) return; // a dead-letter queue has no dead-letter queue: the message is dropped
    this.deadLetters.enqueue(stored.message, { reason, description, source: this.name });
  }
}

/** The queue a dead-letter path belongs to, e.g. "q/$DeadLetterQueue" → "q". */
export function parentQueueName(address: string): string | undefined {
  return address.endsWith(DEAD_LETTER_SUFFIX) ? address.slice(0, -DEAD_LETTER_SUFFIX.length) : undefined;
}
