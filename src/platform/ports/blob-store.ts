import type { Readable } from 'node:stream';

/** A blob's name and properties, as listed or read. */
export interface BlobInfo {
  name: string;
  /** Opaque version tag; changes on every write. */
  etag: string;
  size: number;
  lastModified: Date;
  contentType?: string;
  metadata: Record<string, string>;
}

export interface UploadOptions {
  contentType?: string;
  /** Keys must be valid identifiers (letters, digits, underscore); the service may lower-case them. */
  metadata?: Record<string, string>;
  /** '*' = create only: fails with a conflict when the blob exists. */
  ifNoneMatch?: '*';
  /** Overwrite only this version: fails with a conflict when the blob changed since. */
  ifMatch?: string;
}

export interface ReadOptions {
  /** Read only this version: fails with a conflict when the blob changed since. */
  ifMatch?: string;
}

/**
 * Blob storage in domain terms. Containers are created on first use. Errors are AppErrors:
 * 'conflict' for a failed precondition, 'not_found' for a missing blob, 'unavailable' when the
 * service cannot be reached.
 */
export interface BlobStore {
  upload(
    container: string,
    name: string,
    data: Buffer | string | Readable,
    options?: UploadOptions,
  ): Promise<BlobInfo>;
  /** Streams the content; the returned info is of the version being streamed. */
  download(
    container: string,
    name: string,
    options?: ReadOptions,
  ): Promise<{ info: BlobInfo; stream: Readable }>;
  downloadToBuffer(
    container: string,
    name: string,
    options?: ReadOptions,
  ): Promise<{ info: BlobInfo; data: Buffer }>;
  getProperties(container: string, name: string): Promise<BlobInfo>;
  /** Undefined instead of a not_found error. */
  tryGetProperties(container: string, name: string): Promise<BlobInfo | undefined>;
  /** Every blob whose name starts with prefix (default: all), in name order. */
  list(container: string, prefix?: string): AsyncIterable<BlobInfo>;
  /** Appends to an append blob, creating it (with contentType) when missing. */
  append(
    container: string,
    name: string,
    data: Buffer | string,
    options?: { contentType?: string },
  ): Promise<void>;
  /** Deletes the blob; false when it did not exist. */
  delete(container: string, name: string, options?: ReadOptions): Promise<boolean>;
  /** Resolves when the service answers; an 'unavailable' AppError otherwise. */
  ping(): Promise<void>;
}
