import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import type { AppSettings } from '../app-settings';
import { LocalRuntimeError } from '../runtime-errors';

/** The setting a storage binding uses when it names none, as in the host. */
export const DEFAULT_STORAGE_SETTING = 'AzureWebJobsStorage';

/** The connection string a binding's `connection` option points at (default AzureWebJobsStorage). */
export function storageConnectionString(connection: unknown, settings: AppSettings, where: string): string {
  const name = typeof connection === 'string' && connection !== '' ? connection : DEFAULT_STORAGE_SETTING;
  const value = settings[name] ?? settings[`AzureWebJobs${name}`];
  if (!value) {
    throw new LocalRuntimeError(
      'bad_binding',
      `${where} uses the storage connection setting "${name}", which is not set. Add it to local.settings.json.`,
    );
  }
  return value;
}

/** Caches one service client per connection string, so drivers share connections. */
export class StorageClients {
  readonly #blobs = new Map<string, BlobServiceClient>();
  readonly #queues = new Map<string, QueueServiceClient>();

  blob(connectionString: string): BlobServiceClient {
    let client = this.#blobs.get(connectionString);
    if (!client) {
      client = BlobServiceClient.fromConnectionString(connectionString);
      this.#blobs.set(connectionString, client);
    }
    return client;
  }

  queue(connectionString: string): QueueServiceClient {
    let client = this.#queues.get(connectionString);
    if (!client) {
      client = QueueServiceClient.fromConnectionString(connectionString);
      this.#queues.set(connectionString, client);
    }
    return client;
  }
}
