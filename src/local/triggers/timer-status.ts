import type { ContainerClient } from '@azure/storage-blob';

/** The host's record of a timer's schedule, kept between runs to detect missed occurrences. */
export interface TimerStatus {
  Last: string;
  Next: string;
  LastUpdated: string;
}

/**
 * Timer schedule status in storage, at the host's `timers/{hostId}/{function}/status` in the
 * hosts container: a restart that finds `Next` in the past runs the timer once, past due.
 */
export class TimerStatusStore {
  constructor(
    private readonly hosts: ContainerClient,
    private readonly hostId: string,
  ) {}

  /** The stored status, or undefined when there is none or it cannot be read. */
  async read(functionName: string): Promise<TimerStatus | undefined> {
    try {
      const text = (await this.#blob(functionName).downloadToBuffer()).toString('utf8');
      const status = JSON.parse(text) as Partial<TimerStatus>;
      return typeof status.Next === 'string' && typeof status.Last === 'string'
        ? (status as TimerStatus)
        : undefined;
    } catch {
      return undefined;
    }
  }

  async write(functionName: string, status: TimerStatus): Promise<void> {
    await this.hosts.createIfNotExists();
    const text = JSON.stringify(status);
    await this.#blob(functionName).upload(text, Buffer.byteLength(text), {
      blobHTTPHeaders: { blobContentType: 'application/json' },
    });
  }

  #blob(functionName: string) {
    return this.hosts.getBlockBlobClient(`timers/${this.hostId}/${functionName}/status`);
  }
}
