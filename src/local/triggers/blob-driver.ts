import type { BlobItem, ContainerClient } from '@azure/storage-blob';
import type { QueueClient } from '@azure/storage-queue';
import { resolveSettingReferences, type AppSettings } from '../app-settings';
import { compileBlobPath, type BlobPathPattern } from './blob-path-pattern';
import type { BlobReceipts, BlobVersion } from './blob-receipts';
import type { HostConfig } from '../host-config';
import type { RuntimeLogger } from '../invocation-log';
import type { Invoker, TriggerInput } from '../invoker';
import type { OutputBindings } from './output-bindings';
import { encodeQueueMessage } from './queue-message-codec';
import type { RegisteredFunction } from '../registrations';
import { InFlight, StopSignal } from './stop-signal';
import { storageConnectionString, type StorageClients } from './storage-connection';
import type { TriggerDriver } from './trigger-driver';
import { blobPoisonMessage, blobTriggerInput, quoteEtag } from './blob-input';

/** The host's queue for blobs whose function failed past the retry budget. */
export const BLOB_POISON_QUEUE = 'webjobs-blobtrigger-poison';

interface Watch {
  fn: RegisteredFunction;
  pattern: BlobPathPattern;
  container: ContainerClient;
  poison: QueueClient;
  /** `name|etag` already handled or in progress, so a scan costs one listing. */
  seen: Set<string>;
}

export interface BlobDriverDeps {
  functions: RegisteredFunction[];
  invoker: Invoker;
  outputs: OutputBindings;
  clients: StorageClients;
  receipts: BlobReceipts;
  settings: AppSettings;
  host: HostConfig;
  logger: RuntimeLogger;
  /** Time between scans of a container (default 1 s). */
  scanIntervalMs?: number;
}

/**
 * Blob triggers by scanning: each new or changed blob (name + ETag) fires once; a receipt in
 * storage marks it done so restarts do not refire. A failing blob is retried up to
 * host.json `queues.maxDequeueCount` times, then reported to `webjobs-blobtrigger-poison`.
 * A trigger's `source` is ignored: Event Grid does not exist locally, so `EventGrid` blob
 * triggers are scanned too.
 */
export class BlobTriggerDriver implements TriggerDriver {
  readonly triggerType = 'blobTrigger';
  readonly #signal = new StopSignal();
  readonly #work = new InFlight();
  readonly #loops: Promise<void>[] = [];
  readonly #watches: Watch[];

  constructor(private readonly deps: BlobDriverDeps) {
    this.#watches = deps.functions.map((fn) => {
      const where = `Function "${fn.metadata.name}"`;
      const path = resolveSettingReferences(String(fn.trigger.path ?? ''), deps.settings, `${where} path`);
      const pattern = compileBlobPath(path);
      const connection = storageConnectionString(fn.trigger.connection, deps.settings, where);
      return {
        fn,
        pattern,
        container: deps.clients.blob(connection).getContainerClient(pattern.container),
        poison: deps.clients.queue(connection).getQueueClient(BLOB_POISON_QUEUE),
        seen: new Set<string>(),
      };
    });
  }

  async start(): Promise<void> {
    await Promise.all(this.#watches.map((w) => w.container.createIfNotExists()));
    for (const watch of this.#watches) this.#loops.push(this.#scanLoop(watch));
  }

  async stop(): Promise<void> {
    this.#signal.stop();
    await Promise.all(this.#loops);
    await this.#work.drain();
  }

  /** Runs `fn` for the blob at `input` ("container/name"), ignoring receipts, as the host does. */
  async invokeOnDemand(fn: RegisteredFunction, blobPath: string): Promise<void> {
    const watch = this.#watches.find((w) => w.fn === fn)!;
    const slash = blobPath.indexOf('/');
    const blobName = slash < 0 ? blobPath : blobPath.slice(slash + 1);
    const properties = await watch.container.getBlobClient(blobName).getProperties();
    const item = {
      name: blobName,
      metadata: properties.metadata,
      properties: { ...properties, etag: properties.etag ?? '' },
    } as unknown as BlobItem;
    const input = await this.#triggerInput(watch, item, watch.pattern.match(blobName) ?? { name: blobName });
    if (!input)
      throw new Error(`Blob ${watch.pattern.container}/${blobName} changed while it was read; try again.`);
    await this.deps.invoker.invoke(fn, input);
  }

  async #scanLoop(watch: Watch): Promise<void> {
    const interval = this.deps.scanIntervalMs ?? 500;
    while (!this.#signal.stopped) {
      try {
        await this.#scan(watch);
      } catch (err) {
        this.deps.logger.warn(
          `[${watch.fn.metadata.name}] blob scan of ${watch.container.containerName} failed: ${(err as Error).message}`,
        );
      }
      await this.#signal.sleep(interval);
    }
  }

  async #scan(watch: Watch): Promise<void> {
    const limit = this.deps.host.blobs.maxDegreeOfParallelism;
    for await (const item of watch.container.listBlobsFlat({
      prefix: watch.pattern.prefix,
      includeMetadata: true,
    })) {
      if (this.#signal.stopped) return;
      const bindingData = watch.pattern.match(item.name);
      const etag = quoteEtag(item.properties.etag);
      if (!bindingData || !etag) continue;
      const key = `${item.name}|${etag}`;
      if (watch.seen.has(key)) continue;
      const version: BlobVersion = {
        functionName: watch.fn.metadata.name,
        container: watch.pattern.container,
        blobName: item.name,
        etag,
      };
      const done = await this.deps.receipts.has(version); // a storage error leaves it for the next scan
      watch.seen.add(key);
      if (done) continue;
      while (this.#work.size >= limit && !this.#signal.stopped) await this.#signal.sleep(50);
      if (this.#signal.stopped) {
        watch.seen.delete(key);
        return;
      }
      this.#work.track(this.#process(watch, item, bindingData, version));
    }
  }

  async #process(
    watch: Watch,
    item: BlobItem,
    bindingData: Record<string, string>,
    version: BlobVersion,
  ): Promise<void> {
    const budget = this.deps.host.queues.maxDequeueCount;
    const name = watch.fn.metadata.name;
    try {
      let lastInvocation = '';
      for (let attempt = 1; attempt <= budget; attempt++) {
        const input = await this.#triggerInput(watch, item, bindingData, {
          retryCount: attempt - 1,
          maxRetryCount: budget - 1,
        });
        if (!input) return; // changed or deleted meanwhile: the next scan sees the new version
        const result = await this.deps.invoker.invoke(watch.fn, input);
        lastInvocation = result.invocationId;
        if (result.ok && (await this.deps.outputs.tryApply(watch.fn, result.response))) {
          await this.deps.receipts.write(version, 'succeeded', result.invocationId);
          return;
        }
        if (attempt < budget) await this.#signal.sleep(this.deps.host.queues.visibilityTimeoutMs);
        if (this.#signal.stopped) {
          watch.seen.delete(`${item.name}|${version.etag}`);
          return; // no receipt: the next run retries it
        }
      }
      this.deps.logger.warn(
        `[${name}] blob ${version.container}/${item.name} failed ${budget} times; reported to ${BLOB_POISON_QUEUE}.`,
      );
      await this.#poison(watch, item, version);
      await this.deps.receipts.write(version, 'poisoned', lastInvocation);
    } catch (err) {
      watch.seen.delete(`${item.name}|${version.etag}`); // try again on a later scan
      this.deps.logger.error(`[${name}] blob ${item.name}: ${(err as Error).message}`);
    }
  }

  /** The host's poison message for a blob trigger. */
  async #poison(watch: Watch, item: BlobItem, version: BlobVersion): Promise<void> {
    const message = blobPoisonMessage(watch.fn.metadata.name, version.container, item.name, version.etag);
    await watch.poison.createIfNotExists();
    await watch.poison.sendMessage(encodeQueueMessage(message, this.deps.host.queues.messageEncoding));
  }

  /** Blob content and the host's trigger data, or undefined when this version is gone. */
  async #triggerInput(
    watch: Watch,
    item: BlobItem,
    bindingData: Record<string, string>,
    retryContext?: TriggerInput['retryContext'],
  ): Promise<TriggerInput | undefined> {
    const blob = watch.container.getBlobClient(item.name);
    let content: Buffer;
    try {
      content = await blob.downloadToBuffer(undefined, undefined, {
        conditions: { ifMatch: item.properties.etag },
      });
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status === 404 || status === 412) return undefined;
      throw err;
    }
    const blobPath = `${watch.pattern.container}/${item.name}`;
    return blobTriggerInput(watch.fn.trigger.name, {
      item,
      content,
      blobPath,
      url: blob.url,
      bindingData,
      retryContext,
    });
  }
}
