import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import type { BlobInfo, BlobStore, ReadOptions, UploadOptions } from '../ports/blob-store';
import { hasStatus, mapErrors, type ErrorContext } from '../azure-errors';
import { toBlobInfo } from './blob-info';

const SERVICE = 'Blob storage';
const ctx = (container: string, name?: string): ErrorContext => ({
  service: SERVICE,
  what: name === undefined ? `container ${container}` : `blob ${container}/${name}`,
});

/** BlobStore on Azure Blob Storage (or Azurite). Containers are created once, on first use. */
export class AzureBlobStore implements BlobStore {
  private readonly ensured = new Map<string, Promise<ContainerClient>>();

  /** listPageSize: blobs per list request (default 1000, the service maximum). */
  constructor(
    private readonly service: BlobServiceClient,
    private readonly options: { listPageSize?: number } = {},
  ) {}

  async upload(
    container: string,
    name: string,
    data: Buffer | string | Readable,
    o: UploadOptions = {},
  ): Promise<BlobInfo> {
    // A stream that fails (or is destroyed by its writer) before or while it is read must fail
    // the upload: the SDK's stream upload waits for an end that a destroyed stream never emits.
    const streamFailed =
      data instanceof Readable
        ? finished(data).then(
            () => new Promise<never>(() => undefined),
            (err: unknown) => Promise.reject(err instanceof Error ? err : new Error(String(err))),
          )
        : undefined;
    streamFailed?.catch(() => undefined);
    const blob = (await this.container(container)).getBlockBlobClient(name);
    const options = {
      blobHTTPHeaders: o.contentType ? { blobContentType: o.contentType } : undefined,
      metadata: o.metadata,
      conditions: { ifNoneMatch: o.ifNoneMatch, ifMatch: o.ifMatch },
    };
    const res = await mapErrors(ctx(container, name), () =>
      data instanceof Readable
        ? Promise.race([blob.uploadStream(data, 4 * 1024 * 1024, 4, options), streamFailed!])
        : blob.upload(data, Buffer.byteLength(data), options),
    );
    // The upload answer carries the ETag but not the properties; read them for an exact BlobInfo.
    const info = await this.getProperties(container, name);
    return info.etag === res.etag ? info : { ...info, etag: res.etag ?? info.etag };
  }

  async download(
    container: string,
    name: string,
    o: ReadOptions = {},
  ): Promise<{ info: BlobInfo; stream: Readable }> {
    const client = (await this.container(container)).getBlobClient(name);
    const res = await mapErrors(ctx(container, name), () => client.download(0, undefined, { conditions: o }));
    const body = res.readableStreamBody;
    if (!body) throw new Error(`Blob ${container}/${name}: the download has no body`);
    const stream = body instanceof Readable ? body : Readable.from(body);
    return { info: toBlobInfo(name, res), stream };
  }

  async downloadToBuffer(
    container: string,
    name: string,
    o: ReadOptions = {},
  ): Promise<{ info: BlobInfo; data: Buffer }> {
    const { info, stream } = await this.download(container, name, o);
    const chunks: Buffer[] = [];
    await mapErrors(ctx(container, name), async () => {
      for await (const chunk of stream)
        chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
    });
    return { info, data: Buffer.concat(chunks) };
  }

  async getProperties(container: string, name: string): Promise<BlobInfo> {
    const client = (await this.container(container)).getBlobClient(name);
    return toBlobInfo(name, await mapErrors(ctx(container, name), () => client.getProperties()));
  }

  async tryGetProperties(container: string, name: string): Promise<BlobInfo | undefined> {
    try {
      return await this.getProperties(container, name);
    } catch (err) {
      if (err instanceof Error && (err as { category?: string }).category === 'not_found') return undefined;
      throw err;
    }
  }

  async *list(container: string, prefix?: string): AsyncIterable<BlobInfo> {
    const client = await this.container(container);
    const pages = client
      .listBlobsFlat({ prefix, includeMetadata: true })
      .byPage({ maxPageSize: this.options.listPageSize ?? 1000 });
    for (;;) {
      const page = await mapErrors(ctx(container), () => pages.next());
      if (page.done) return;
      for (const item of page.value.segment.blobItems) {
        yield toBlobInfo(item.name, { ...item.properties, metadata: item.metadata });
      }
    }
  }

  async append(
    container: string,
    name: string,
    data: Buffer | string,
    o: { contentType?: string } = {},
  ): Promise<void> {
    const blob = (await this.container(container)).getAppendBlobClient(name);
    const length = Buffer.byteLength(data);
    await mapErrors(ctx(container, name), async () => {
      try {
        await blob.appendBlock(data, length);
      } catch (err) {
        if (!hasStatus(err, 404)) throw err;
        // First write: create it (a concurrent creator may win; either way it exists now).
        await blob.createIfNotExists({ blobHTTPHeaders: { blobContentType: o.contentType } });
        await blob.appendBlock(data, length);
      }
    });
  }

  async delete(container: string, name: string, o: ReadOptions = {}): Promise<boolean> {
    const client = (await this.container(container)).getBlobClient(name);
    const res = await mapErrors(ctx(container, name), () => client.deleteIfExists({ conditions: o }));
    return res.succeeded;
  }

  async ping(): Promise<void> {
    await mapErrors({ service: SERVICE, what: 'the account' }, () => this.service.getProperties());
  }

  private container(name: string): Promise<ContainerClient> {
    let ready = this.ensured.get(name);
    if (!ready) {
      const client = this.service.getContainerClient(name);
      ready = mapErrors(ctx(name), () => client.createIfNotExists()).then(() => client);
      // Forget a failure so the next call tries again (the service may be back).
      ready.catch(() => this.ensured.delete(name));
      this.ensured.set(name, ready);
    }
    return ready;
  }
}
