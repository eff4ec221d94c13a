import type { ContainerClient } from '@azure/storage-blob';

/** The host's bookkeeping container, where blob receipts live. */
export const HOSTS_CONTAINER = 'azure-webjobs-hosts';

export type ReceiptOutcome = 'succeeded' | 'poisoned';

/** Identifies one version of one blob as seen by one function. */
export interface BlobVersion {
  functionName: string;
  container: string;
  blobName: string;
  etag: string;
}

/**
 * Receipts saying a function has processed a blob version, kept in storage like the host's
 * `blobreceipts/{hostId}/{function}/{etag}/{container}/{blob}` so a restart does not refire.
 */
export class BlobReceipts {
  #ready: Promise<unknown> | undefined;

  constructor(
    private readonly hosts: ContainerClient,
    private readonly hostId: string,
  ) {}

  /** True when `version` has a receipt. */
  async has(version: BlobVersion): Promise<boolean> {
    await this.#ensureContainer();
    return this.hosts.getBlockBlobClient(this.#name(version)).exists();
  }

  /** Records that `version` was handled (or given up on, when poisoned). */
  async write(version: BlobVersion, outcome: ReceiptOutcome, invocationId: string): Promise<void> {
    await this.#ensureContainer();
    await this.hosts
      .getBlockBlobClient(this.#name(version))
      .upload('', 0, { metadata: { outcome, invocationid: invocationId } });
  }

  #name(v: BlobVersion): string {
    return `blobreceipts/${this.hostId}/${v.functionName}/${v.etag.replace(/"/g, '')}/${v.container}/${v.blobName}`;
  }

  #ensureContainer(): Promise<unknown> {
    this.#ready ??= this.hosts.createIfNotExists().catch((err: unknown) => {
      this.#ready = undefined;
      throw err;
    });
    return this.#ready;
  }
}
