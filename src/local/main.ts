// `npm start`: the whole app on this machine. Emulators on their default ports with data in
// .local/, the compiled entry loaded as the Functions host would, HTTP on 7071.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { loadAppSettings } from './app-settings';
import {
  DEFAULT_DATA_DIR,
  DEFAULT_EMULATOR_PORTS,
  emulatorAppSettings,
  startEmulators,
  type EmulatorPorts,
  type RunningEmulators,
} from './emulators';
import { loadHostConfig } from './host-config';
import { ensureLocalKeys } from './local-keys';
import { DEFAULT_HTTP_PORT, LocalRuntime } from './runtime';
import { HTTP_PORT_SETTING } from './runtime-errors';
import { startBanner } from './start-banner';

/** `blob,queue,cosmos` emulator ports (0 = a free one); unset, the ones tools expect. */
const EMULATOR_PORTS_SETTING = 'LOCAL_EMULATOR_PORTS';

/** The repository root: this file is dist/src/local/main.js. */
const ROOT = path.resolve(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const generated = ensureLocalKeys(ROOT);
  const { settings, file, localHttpPort } = loadAppSettings(ROOT);
  const host = loadHostConfig(ROOT);
  const port = parsePort(
    HTTP_PORT_SETTING,
    settings[HTTP_PORT_SETTING] ?? localHttpPort?.toString(),
    DEFAULT_HTTP_PORT,
  );
  const entry = path.join(
    ROOT,
    (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string }).main,
  );

  const dataDir = path.resolve(ROOT, settings.LOCAL_DATA_DIR || DEFAULT_DATA_DIR);
  const ports = parseEmulatorPorts(settings[EMULATOR_PORTS_SETTING]);
  let emulators: RunningEmulators | undefined;
  let runtime: LocalRuntime | undefined;
  try {
    emulators = await startEmulators({ dataDir, ports, command: 'npm start' });
    Object.assign(settings, emulatorAppSettings(emulators));
    runtime = await LocalRuntime.start({ entry, settings, host, port });
  } catch (err) {
    await emulators?.stop().catch(() => undefined);
    throw err;
  }
  const banner = startBanner({
    url: runtime.url,
    prefix: host.routePrefix,
    functions: runtime.registrations.list(),
    settings,
    settingsFile: file,
    generatedKeys: generated,
    emulatorPorts: emulators.ports,
    cosmosEndpoint: emulators.cosmosEndpoint,
    dataDir,
    startedMs: Math.round(process.uptime() * 1000),
  });
  console.log(banner);
  handleSignals(runtime, emulators);
}

function handleSignals(runtime: LocalRuntime, emulators: RunningEmulators): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      console.error(`${signal} again: exiting without waiting.`);
      process.exit(130);
    }
    stopping = true;
    console.log(`${signal}: finishing running invocations, then stopping...`);
    runtime
      .stop()
      .then(() => emulators.stop())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(`Did not stop cleanly: ${(err as Error).message}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function parseEmulatorPorts(value: string | undefined): EmulatorPorts {
  if (value === undefined || value === '') return DEFAULT_EMULATOR_PORTS;
  const parts = value.split(',');
  if (parts.length !== 3) {
    throw new AppError(
      'invalid',
      'bad_setting',
      `${EMULATOR_PORTS_SETTING}="${value}" must be three ports, blob,queue,cosmos (e.g. 10000,10001,8081).`,
    );
  }
  const [blob, queue, cosmos] = parts.map((p) => parsePort(EMULATOR_PORTS_SETTING, p.trim(), -1));
  return { blob: blob!, queue: queue!, cosmos: cosmos! };
}

function parsePort(setting: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AppError('invalid', 'bad_setting', `${setting}="${value}" is not a port number (0-65535).`);
  }
  return port;
}

main().catch((err: unknown) => {
  const message =
    err instanceof AppError
      ? err.message
      : `Local runtime failed to start: ${(err as Error).message ?? String(err)}`;
  console.error(message);
  if (process.env.LOCAL_DEBUG) console.error(err);
  process.exit(1);
});
