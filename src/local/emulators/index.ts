import { createServer } from 'node:net';
import { startAzurite, type RunningService } from './azurite';
import { startCosmos } from './cosmos';
import { COSMOS_EMULATOR_KEY } from '../../platform/config/dev-values';
import { portInUse } from './errors';
import { lockDataDir } from './data-dir-lock';

export { EmulatorError } from './errors';
export { COSMOS_EMULATOR_KEY } from '../../platform/config/dev-values';

export interface EmulatorPorts {
  blob: number;
  queue: number;
  cosmos: number;
}

export interface EmulatorOptions {
  /** Folder for persisted data, used by one set of emulators at a time; undefined keeps everything in memory. */
  dataDir?: string;
  /** The command starting them, named to whoever finds the data folder in use (default "a local runtime"). */
  command?: string;
  /** Ports to listen on (0 = a free port); defaults to DEFAULT_EMULATOR_PORTS. */
  ports?: Partial<EmulatorPorts>;
  /** How long after a change Cosmos data is saved to dataDir (default 200 ms; also saved on stop). */
  cosmosSnapshotMs?: number;
}

/** Connection settings of running emulators: plain data, safe to hand to other processes. */
export interface EmulatorSettings {
  storageConnectionString: string;
  cosmosEndpoint: string;
  cosmosKey: string;
  cosmosConnectionString: string;
  ports: EmulatorPorts;
}

export interface RunningEmulators extends EmulatorSettings {
  /** Stops all three (saving the Cosmos snapshot when persisted). Safe to call twice. */
  stop(): Promise<void>;
}

/** The ports Azurite and the Cosmos DB emulator use by default, which tools expect. */
export const DEFAULT_EMULATOR_PORTS: EmulatorPorts = { blob: 10000, queue: 10001, cosmos: 8081 };

/** Data folder of `npm start` and `npm run emulators`, relative to the repo root (`npm run reset` clears it). */
export const DEFAULT_DATA_DIR = '.local';

/** Azurite's published development account and key. */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/**
 * Starts Azurite blob + queue and the Cosmos DB stand-in in this process. Defaults: ports
 * 10000/10001/8081, data in memory. Throws an EmulatorError for a taken port, a data folder in
 * use by another process, or corrupt data.
 */
export async function startEmulators(options: EmulatorOptions = {}): Promise<RunningEmulators> {
  const wanted = { ...DEFAULT_EMULATOR_PORTS, ...options.ports };
  const release =
    options.dataDir === undefined
      ? () => undefined
      : lockDataDir(options.dataDir, options.command ?? 'a local runtime');
  const started: RunningService[] = [];
  const stopAll = async (): Promise<void> => {
    const services = started.splice(0).reverse();
    await Promise.all(services.map((s) => s.stop())).finally(release);
  };
  try {
    // Probe first, so a taken port fails before anything else has started.
    await ensurePortFree('Azurite blob', wanted.blob);
    await ensurePortFree('Azurite queue', wanted.queue);
    await ensurePortFree('Cosmos DB', wanted.cosmos);
  } catch (err) {
    release();
    throw err;
  }

  try {
    const blob = await startAzurite('blob', wanted.blob, options.dataDir);
    started.push(blob);
    const queue = await startAzurite('queue', wanted.queue, options.dataDir);
    started.push(queue);
    const cosmos = await startCosmos(wanted.cosmos, options.dataDir, options.cosmosSnapshotMs);
    started.push(cosmos);
    const ports = { blob: blob.port, queue: queue.port, cosmos: cosmos.port };
    return { ...emulatorSettings(ports), stop: stopAll };
  } catch (err) {
    await stopAll().catch(() => undefined);
    throw err;
  }
}

/** The connection settings for emulators listening on the given ports of 127.0.0.1. */
export function emulatorSettings(ports: EmulatorPorts): EmulatorSettings {
  const cosmosEndpoint = `http://127.0.0.1:${ports.cosmos}/`;
  return {
    storageConnectionString:
      `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_ACCOUNT_KEY};` +
      `BlobEndpoint=http://127.0.0.1:${ports.blob}/${DEV_ACCOUNT};` +
      `QueueEndpoint=http://127.0.0.1:${ports.queue}/${DEV_ACCOUNT};`,
    cosmosEndpoint,
    cosmosKey: COSMOS_EMULATOR_KEY,
    cosmosConnectionString: `AccountEndpoint=${cosmosEndpoint};AccountKey=${COSMOS_EMULATOR_KEY};`,
    ports,
  };
}

/** The app settings (names as in local.settings.json) that point the app at these emulators. */
export function emulatorAppSettings(settings: EmulatorSettings): Record<string, string> {
  return {
    AzureWebJobsStorage: settings.storageConnectionString,
    COSMOS_CONNECTION: settings.cosmosConnectionString,
  };
}

function ensurePortFree(service: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? portInUse(service, port, err) : err),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}
