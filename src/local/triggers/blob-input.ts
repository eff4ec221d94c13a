import type { BlobItem } from '@azure/storage-blob';
import type { TriggerInput } from '../invoker';
import { bytesData, jsonData, stringData } from '../typed-data';

export interface BlobFacts {
  item: BlobItem;
  content: Buffer;
  /** "container/name", the host's BlobTrigger value. */
  blobPath: string;
  url: string;
  /** Values of the path pattern's parameters, e.g. {model, name}. */
  bindingData: Record<string, string>;
  retryContext?: TriggerInput['retryContext'];
}

/**
 * The host's blob trigger data: the content as bytes (a Buffer for the handler) and the
 * metadata BlobTrigger, Uri, Properties, Metadata plus the path's binding data.
 */
export function blobTriggerInput(bindingName: string, facts: BlobFacts): TriggerInput {
  const p = facts.item.properties;
  const triggerMetadata: TriggerInput['triggerMetadata'] = {
    BlobTrigger: stringData(facts.blobPath),
    Uri: stringData(facts.url),
    Properties: jsonData({
      ContentLength: facts.content.length,
      ContentType: p.contentType,
      ContentMD5: p.contentMD5 ? Buffer.from(p.contentMD5).toString('base64') : undefined,
      ETag: quoteEtag(p.etag),
      LastModified: p.lastModified,
      CreatedOn: p.createdOn,
      BlobType: p.blobType ?? 'BlockBlob',
    }),
    Metadata: jsonData(facts.item.metadata ?? {}),
  };
  for (const [key, value] of Object.entries(facts.bindingData)) triggerMetadata[key] = stringData(value);
  return {
    inputData: [{ name: bindingName, data: bytesData(facts.content) }],
    triggerMetadata,
    ...(facts.retryContext ? { retryContext: facts.retryContext } : {}),
  };
}

/** The message the host writes to webjobs-blobtrigger-poison for a blob past its retry budget. */
export function blobPoisonMessage(
  functionName: string,
  container: string,
  blobName: string,
  etag: string,
): string {
  return JSON.stringify({
    Type: 'BlobTrigger',
    FunctionId: `Host.Functions.${functionName}`,
    BlobType: 'BlockBlob',
    ContainerName: container,
    BlobName: blobName,
    ETag: etag,
  });
}

/** ETags as Azure Storage sends them in headers, with quotes (Azurite's listing drops them). */
export function quoteEtag(etag: string | undefined): string | undefined {
  if (!etag) return undefined;
  return etag.startsWith('"') ? etag : `"${etag}"`;
}
