import type { AppConfig } from './config/app-config';
import { AzureBlobStore } from './blob/azure-blob-store';
import type { BlobStore } from './ports/blob-store';
import type { MessageQueue } from './ports/message-queue';
import type { Registry } from './ports/registry';
import type { Telemetry } from './ports/telemetry';
import { ServiceBusMessageQueue } from './queue/service-bus-message-queue';
import { StorageMessageQueue } from './queue/storage-message-queue';
import { createTelemetry } from './telemetry/create-telemetry';
import { cosmosClient } from './registry/cosmos-client';
import { CosmosRegistry } from './registry/cosmos-registry';
import { serviceBusClient } from './service-bus-client';
import { blobServiceClient, queueServiceClient } from './storage-clients';

/** The adapters every use case is built from, behind their ports. */
export interface Adapters {
  blobs: BlobStore;
  queue: MessageQueue;
  registry: Registry;
  telemetry: Telemetry;
}

/**
 * Builds the adapters from the config. Clients connect lazily: nothing is contacted until the
 * first call, so building them cannot fail on a down dependency. The pipeline messages go by
 * the configured transport: Storage queues or Service Bus queues.
 */
export function createAdapters(config: AppConfig): Adapters {
  const cosmos = cosmosClient(config.cosmos);
  return {
    blobs: new AzureBlobStore(blobServiceClient(config.storage)),
    queue: messageQueue(config),
    registry: new CosmosRegistry(cosmos, config.cosmos.database),
    // Application Insights when a connection string is set (with the identity when so configured); off (no cost) otherwise.
    telemetry: createTelemetry(config.applicationInsights),
  };
}

function messageQueue(config: AppConfig): MessageQueue {
  if (config.pipelineTransport === 'servicebus' && config.serviceBus) {
    return new ServiceBusMessageQueue(serviceBusClient(config.serviceBus), config.queues.validate);
  }
  return new StorageMessageQueue(queueServiceClient(config.storage));
}
