import type { QueueClient } from '@azure/storage-queue';

/**
 * How long a received queue message stays hidden before its lease must be renewed. Short, so
 * that a runtime killed mid-handler lets the message reappear within half a minute after
 * restart (a fixed 10-minute lease left it hidden that long).
 */
export const DEFAULT_QUEUE_LEASE_SECONDS = 30;

/**
 * Keeps a received message hidden while its handler runs: every third of the lease it pushes the
 * message's visibility a whole lease ahead. Each update hands out a new pop receipt, which the
 * message's delete or update must then use. A failed renewal is reported once and ends renewing:
 * the message may be delivered again when the lease runs out, as after a crash.
 */
export class QueueMessageLease {
  #popReceipt: string;
  #timer: NodeJS.Timeout | undefined;
  #renewal: Promise<void> = Promise.resolve();
  #ended = false;

  constructor(
    private readonly queue: QueueClient,
    private readonly messageId: string,
    popReceipt: string,
    private readonly seconds: number,
    private readonly onLost: (err: Error) => void,
  ) {
    this.#popReceipt = popReceipt;
    this.#schedule();
  }

  /** The receipt of the latest renewal: what deleting or updating the message needs. */
  get popReceipt(): string {
    return this.#popReceipt;
  }

  /** Stops renewing once a renewal under way has settled; returns the current pop receipt. */
  async end(): Promise<string> {
    this.#ended = true;
    clearTimeout(this.#timer);
    await this.#renewal;
    return this.#popReceipt;
  }

  #schedule(): void {
    this.#timer = setTimeout(
      () => {
        this.#renewal = this.#renew();
      },
      (this.seconds * 1000) / 3,
    );
  }

  async #renew(): Promise<void> {
    try {
      const renewed = await this.queue.updateMessage(
        this.messageId,
        this.#popReceipt,
        undefined,
        this.seconds,
      );
      if (renewed.popReceipt) this.#popReceipt = renewed.popReceipt;
    } catch (err) {
      this.onLost(err as Error);
      return;
    }
    if (!this.#ended) this.#schedule();
  }
}
