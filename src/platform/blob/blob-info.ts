import type { BlobInfo } from '../ports/blob-store';

/** The properties the SDK reports for a blob, in whichever of its shapes (list item or headers). */
export interface SdkBlobProperties {
  etag?: string;
  contentLength?: number;
  lastModified?: Date;
  contentType?: string;
  metadata?: Record<string, string>;
}

/** Converts SDK blob properties to the port's BlobInfo. */
export function toBlobInfo(name: string, p: SdkBlobProperties): BlobInfo {
  return {
    name,
    etag: p.etag ?? '',
    size: p.contentLength ?? 0,
    lastModified: p.lastModified ?? new Date(0),
    ...(p.contentType !== undefined && { contentType: p.contentType }),
    metadata: p.metadata ?? {},
  };
}
