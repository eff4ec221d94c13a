import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import BlobConfiguration from 'azurite/dist/src/blob/BlobConfiguration';
import BlobServer from 'azurite/dist/src/blob/BlobServer';
import QueueConfiguration from 'azurite/dist/src/queue/QueueConfiguration';
import QueueServer from 'azurite/dist/src/queue/QueueServer';
import { MemoryExtentChunkStore } from 'azurite/dist/src/common/persistence/MemoryExtentStore';
import type { LokiDb } from 'azurite/dist/src/common/ServerBase';
import { AzuriteTelemetryClient } from 'azurite/dist/src/common/Telemetry';
import { corruptData, portInUse } from './errors';

export type AzuriteService = 'blob' | 'queue';

export interface RunningService {
  port: number;
  stop(): Promise<void>;
}

// Azurite's own file names, so a folder written by the Azurite CLI (`azurite -l <dir>`) is the same.
const FILES: Record<AzuriteService, { db: string; extentDb: string; extents: string }> = {
  blob: {
    db: '__azurite_db_blob__.json',
    extentDb: '__azurite_db_blob_extent__.json',
    extents: '__blobstorage__',
  },
  queue: {
    db: '__azurite_db_queue__.json',
    extentDb: '__azurite_db_queue_extent__.json',
    extents: '__queuestorage__',
  },
};

/**
 * How often Azurite's metadata databases are written to disk when changed. Azurite's own 5 s
 * lets a kill -9 lose what it acknowledged seconds earlier (issue 17); saved within half a
 * second, every write acknowledged a second before a crash survives it. Content (extents) is
 * written to its files before Azurite answers.
 */
export const AZURITE_SAVE_INTERVAL_MS = 500;

// The servers' address() and stores are only reachable through protected fields.
class Blob extends BlobServer {
  address(): AddressInfo {
    return this.httpServer.address() as AddressInfo;
  }
  closeStores(): Promise<void> {
    return this.afterClose();
  }
  lokiDbs(): LokiDb[] {
    return [this.metadataStore.db, this.extentMetadataStore.db];
  }
}
class Queue extends QueueServer {
  address(): AddressInfo {
    return this.httpServer.address() as AddressInfo;
  }
  closeStores(): Promise<void> {
    return this.afterClose();
  }
  lokiDbs(): LokiDb[] {
    return [this.metadataStore.db, this.extentMetadataStore.db];
  }
}

/**
 * Starts one Azurite service in this process on 127.0.0.1:port (0 = a free port), loose mode,
 * API version check off, no access log, no telemetry; persisted under dataDir (undefined = memory).
 */
export async function startAzurite(
  service: AzuriteService,
  port: number,
  dataDir?: string,
): Promise<RunningService> {
  AzuriteTelemetryClient.init('', false);
  const files = FILES[service];
  if (dataDir !== undefined) {
    mkdirSync(dataDir, { recursive: true });
    for (const name of [files.db, files.extentDb]) checkLokiFile(join(dataDir, name));
  }
  const args: ConstructorParameters<typeof BlobConfiguration> = [
    '127.0.0.1',
    port,
    0, // keep-alive timeout: Node's default
    dataDir === undefined ? files.db : join(dataDir, files.db),
    dataDir === undefined ? files.extentDb : join(dataDir, files.extentDb),
    [{ locationId: 'Default', locationPath: join(dataDir ?? '.', files.extents), maxConcurrency: 10 }],
    false, // access log
    undefined,
    false, // debug log
    undefined,
    true, // loose
    true, // skipApiVersionCheck: current SDKs send versions newer than Azurite knows
    '',
    '',
    '',
    undefined,
    false,
    dataDir === undefined,
    // One chunk store per server so emulator sets started side by side stay separate.
    dataDir === undefined ? new MemoryExtentChunkStore() : undefined,
  ];
  const server =
    service === 'blob'
      ? new Blob(new BlobConfiguration(...args))
      : new Queue(new QueueConfiguration(...args));
  try {
    await server.start();
  } catch (err) {
    await server.closeStores().catch(() => undefined);
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw portInUse(`Azurite ${service}`, port, err);
    if (dataDir !== undefined)
      throw corruptData(dataDir, `Azurite ${service} could not load it: ${String(err)}`, err);
    throw err;
  }
  if (dataDir !== undefined) {
    for (const db of server.lokiDbs()) {
      db.autosaveDisable();
      db.autosaveInterval = AZURITE_SAVE_INTERVAL_MS;
      db.autosaveEnable();
    }
  }
  return { port: server.address().port, stop: () => server.close() };
}

// Loki reports a corrupt file late and vaguely; a JSON parse up front names the file.
function checkLokiFile(file: string): void {
  if (!existsSync(file)) return;
  try {
    JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw corruptData(file, 'not valid JSON', err);
  }
}
