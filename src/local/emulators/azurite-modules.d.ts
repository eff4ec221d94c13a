// Azurite ships no type declarations. These cover only the in-process surface we use; its
// CLI entry (main.js) is avoided because it requires 'vscode'.

declare module 'azurite/dist/src/common/ServerBase' {
  import type { Server } from 'node:http';
  /** The part of a LokiJS database Azurite's metadata stores keep in their `db` field. */
  export interface LokiDb {
    autosaveInterval: number;
    autosaveEnable(): void;
    autosaveDisable(): void;
  }
  export interface LokiStore {
    db: LokiDb;
  }
  export default abstract class ServerBase {
    protected readonly httpServer: Server;
    /** Blob or queue metadata (set by BlobServer and QueueServer). */
    protected readonly metadataStore: LokiStore;
    /** Where the extents (blob and message content) of the extent store are. */
    protected readonly extentMetadataStore: LokiStore;
    start(): Promise<void>;
    close(): Promise<void>;
    getHttpServerAddress(): string;
    /** Closes the stores; called directly when start() fails after they were opened. */
    protected afterClose(): Promise<void>;
  }
}

declare module 'azurite/dist/src/common/persistence/MemoryExtentStore' {
  export class MemoryExtentChunkStore {
    constructor(sizeLimit?: number);
  }
}

declare module 'azurite/dist/src/common/persistence/IExtentStore' {
  export interface StoreDestination {
    locationId: string;
    locationPath: string;
    maxConcurrency: number;
  }
}

declare module 'azurite/dist/src/blob/BlobConfiguration' {
  import type { StoreDestination } from 'azurite/dist/src/common/persistence/IExtentStore';
  import type { MemoryExtentChunkStore } from 'azurite/dist/src/common/persistence/MemoryExtentStore';
  export default class BlobConfiguration {
    constructor(
      host?: string,
      port?: number,
      keepAliveTimeout?: number,
      metadataDBPath?: string,
      extentDBPath?: string,
      persistencePathArray?: StoreDestination[],
      enableAccessLog?: boolean,
      accessLogWriteStream?: NodeJS.WritableStream,
      enableDebugLog?: boolean,
      debugLogFilePath?: string,
      loose?: boolean,
      skipApiVersionCheck?: boolean,
      cert?: string,
      key?: string,
      pwd?: string,
      oauth?: string,
      disableProductStyleUrl?: boolean,
      isMemoryPersistence?: boolean,
      memoryStore?: MemoryExtentChunkStore,
    );
  }
}

declare module 'azurite/dist/src/queue/QueueConfiguration' {
  import BlobConfiguration from 'azurite/dist/src/blob/BlobConfiguration';
  // Same constructor signature as the blob configuration.
  export default class QueueConfiguration extends BlobConfiguration {}
}

declare module 'azurite/dist/src/blob/BlobServer' {
  import ServerBase from 'azurite/dist/src/common/ServerBase';
  import type BlobConfiguration from 'azurite/dist/src/blob/BlobConfiguration';
  export default class BlobServer extends ServerBase {
    constructor(configuration: BlobConfiguration);
  }
}

declare module 'azurite/dist/src/queue/QueueServer' {
  import ServerBase from 'azurite/dist/src/common/ServerBase';
  import type QueueConfiguration from 'azurite/dist/src/queue/QueueConfiguration';
  export default class QueueServer extends ServerBase {
    constructor(configuration: QueueConfiguration);
  }
}

declare module 'azurite/dist/src/common/Telemetry' {
  export class AzuriteTelemetryClient {
    static init(location: string, enableTelemetry: boolean, env?: unknown): void;
  }
}
