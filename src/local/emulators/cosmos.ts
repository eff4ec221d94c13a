import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createHttpServer } from '@vercel/cosmosdb-server';
import { CosmosClient } from '@azure/cosmos';
import { COSMOS_EMULATOR_KEY } from '../../platform/config/dev-values';
import { portInUse } from './errors';
import { readSnapshot, restoreSnapshot, takeSnapshot, writeSnapshot } from './cosmos-snapshot';
import type { RunningService } from './azurite';

export const COSMOS_SNAPSHOT_FILE = 'cosmos.json';

/**
 * How long after a change the Cosmos stand-in's content is saved: changes in that window share
 * one save, and a write acknowledged a second before a kill -9 is on disk (issue 17).
 */
export const DEFAULT_SNAPSHOT_DELAY_MS = 200;

/**
 * Starts the Cosmos DB stand-in over plain HTTP on 127.0.0.1:port (0 = a free port). With a
 * dataDir it restores `cosmos.json` at start and saves it after each change (within
 * DEFAULT_SNAPSHOT_DELAY_MS, changes coalesced) and on stop.
 */
export async function startCosmos(
  port: number,
  dataDir?: string,
  snapshotDelayMs = DEFAULT_SNAPSHOT_DELAY_MS,
): Promise<RunningService> {
  const file = dataDir === undefined ? undefined : join(dataDir, COSMOS_SNAPSHOT_FILE);
  const snapshot = file === undefined ? undefined : readSnapshot(file);
  const server = createHttpServer();
  let onChange = (): void => undefined;
  server.on('request', (req, res) => {
    // Queries are POSTs too, but they change nothing. Marked once answered, so a save that
    // began before the change was applied is followed by another.
    if (req.method !== 'GET' && req.headers['x-ms-documentdb-isquery'] === undefined)
      res.once('finish', () => onChange());
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
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
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
  onChange = () => {
    dirty = true;
    timer ??= setTimeout(() => {
      timer = undefined;
      save().catch((err: unknown) =>
        console.error(`Cosmos DB emulator: snapshot to ${file} failed: ${String(err)}`),
      );
    }, snapshotDelayMs);
  };
  return {
    port: actualPort,
    stop: async () => {
      clearTimeout(timer);
      onChange = () => undefined;
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
