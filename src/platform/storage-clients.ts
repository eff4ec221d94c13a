import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import type { StorageAccess } from './config/app-config';
import { defaultCredential, type CredentialFactory } from './identity';

/** Retry budget for Storage calls; short delays so a dependency outage surfaces in seconds. */
export interface StorageRetry {
  maxTries: number;
  retryDelayInMs: number;
  maxRetryDelayInMs: number;
}

/** Default: 3 tries, 0.5 s then 1 s apart (the SDK default waits up to minutes). */
export const DEFAULT_STORAGE_RETRY: StorageRetry = {
  maxTries: 3,
  retryDelayInMs: 500,
  maxRetryDelayInMs: 4000,
};

function pipelineOptions(retry: StorageRetry): { retryOptions: StorageRetry } {
  return { retryOptions: retry };
}

/** A blob service client from the config's connection string or identity (DefaultAzureCredential). */
export function blobServiceClient(
  access: StorageAccess,
  retry = DEFAULT_STORAGE_RETRY,
  credential: CredentialFactory = defaultCredential,
): BlobServiceClient {
  if (access.kind === 'connectionString') {
    return BlobServiceClient.fromConnectionString(access.connectionString, pipelineOptions(retry));
  }
  return new BlobServiceClient(access.blobServiceUri, credential(), pipelineOptions(retry));
}

/** A queue service client from the config's connection string or identity (DefaultAzureCredential). */
export function queueServiceClient(
  access: StorageAccess,
  retry = DEFAULT_STORAGE_RETRY,
  credential: CredentialFactory = defaultCredential,
): QueueServiceClient {
  if (access.kind === 'connectionString') {
    return QueueServiceClient.fromConnectionString(access.connectionString, pipelineOptions(retry));
  }
  return new QueueServiceClient(access.queueServiceUri, credential(), pipelineOptions(retry));
}
