import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createHttpServer } from '@vercel/cosmosdb-server';
import { CosmosClient } from '@azure/cosmos';
import { COSMOS_EMULATOR_KEY } from '../platform/config/dev-values';
import { portInUse } from './emulators-errors';
import { readSnapshot, restoreSnapshot, takeSnapshot, writeSnapshot } from './emulators-cosmos-snapshot';
import type { RunningService } from './emulators-azurite';

export const COSMOS_SNAPSHOT_FILE = 'cosmos.json';

/** How often a changed Cosmos stand-in is saved to the data folder. */
export const DEFAULT_SNAPSHOT_INTERVAL_MS = 5_000;

/**
 * Starts the Cosmos DB stand-in over plain HTTP on 127.0.0.1:port (0 = a free port). With a
 * dataDir it restores `cosmos.json` at start and saves it when changed (every 5 s by default) and on stop.
 */
export async function startCosmos(
  port: number,
  dataDir?: string,
  snapshotIntervalMs = DEFAULT_SNAPSHOT_INTERVAL_MS,
): Promise<RunningService> {
  const file = dataDir === undefined ? undefined : join(dataDir, COSMOS_SNAPSHOT_FILE);
  const snapshot = file === undefined ? undefined : readSnapshot(file);
  const server = createHttpServer();
  let dirty = false;
  server.on('request', (req) => {
    // Queries are POSTs too, but they change nothing.
    if (req.method !== 'GET' && req.headers['x-ms-documentdb-isquery'] === undefined) dirty = true;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? portInUse('Cosmos DB', port, err) : err),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  const client = cosmosClient(`http://127.0.0.1:${actualPort}/`);
  const close = async (): Promise<void> => {
    client.dispose();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  if (file === undefined || dataDir === undefined) return { port: actualPort, stop: close };

  try {
    if (snapshot) await restoreSnapshot(client, snapshot);
  } catch (err) {
    await close();
    throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  dirty = false;
  let saving: Promise<void> = Promise.resolve();
  const save = (): Promise<void> => {
    saving = saving
      .catch(() => undefined)
      .then(async () => {
        if (!dirty) return;
        dirty = false;
        writeSnapshot(file, await takeSnapshot(client));
      });
    return saving;
  };
  const timer = setInterval(() => {
    save().catch((err: unknown) =>
      console.error(`Cosmos DB emulator: snapshot to ${file} failed: ${String(err)}`),
    );
  }, snapshotIntervalMs);
  timer.unref();
  return {
    port: actualPort,
    stop: async () => {
      clearInterval(timer);
      await save().finally(close);
    },
  };
}

/** A client for the stand-in: endpoint discovery off, since it serves one plain-HTTP endpoint. */
export function cosmosClient(endpoint: string): CosmosClient {
  return new CosmosClient({
    endpoint,
    key: COSMOS_EMULATOR_KEY,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
}
