// `npm start`: the whole app on this machine. Emulators on their default ports with data in
// .local/, the compiled entry loaded as the Functions host would, HTTP on 7071.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { loadAppSettings } from './app-settings';
import { DEFAULT_DATA_DIR, emulatorAppSettings, startEmulators, type RunningEmulators } from './emulators';
import { loadHostConfig } from './host-config';
import { FUNCTION_KEY_SETTING, LOCAL_KEYS } from './http-auth';
import { LOCAL_KEY_SETTINGS } from '../serving/auth/roles';
import { ensureLocalKeys } from './local-keys';
import { DEFAULT_HTTP_PORT, LocalRuntime } from './runtime';
import type { RegisteredFunction } from './registrations';
import { HTTP_PORT_SETTING } from './runtime-errors';

const OPERATOR_KEY_SETTING = LOCAL_KEY_SETTINGS.operate;

/** The repository root: this file is dist/src/local/main.js. */
const ROOT = path.resolve(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const generated = ensureLocalKeys(ROOT);
  const { settings, file, localHttpPort } = loadAppSettings(ROOT);
  const host = loadHostConfig(ROOT);
  const port = parsePort(settings[HTTP_PORT_SETTING] ?? localHttpPort?.toString());
  const entry = path.join(
    ROOT,
    (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string }).main,
  );

  const dataDir = path.resolve(ROOT, settings.LOCAL_DATA_DIR ?? DEFAULT_DATA_DIR);
  let emulators: RunningEmulators | undefined;
  let runtime: LocalRuntime | undefined;
  try {
    emulators = await startEmulators({ dataDir });
    Object.assign(settings, emulatorAppSettings(emulators));
    runtime = await LocalRuntime.start({ entry, settings, host, port });
  } catch (err) {
    await emulators?.stop().catch(() => undefined);
    throw err;
  }
  const ms = Math.round(process.uptime() * 1000);
  printBanner(runtime, emulators, host.routePrefix, dataDir, ms);
  printKeys(settings, file, generated);
  handleSignals(runtime, emulators);
}

function printBanner(
  runtime: LocalRuntime,
  emulators: RunningEmulators,
  prefix: string,
  dataDir: string,
  ms: number,
): void {
  const lines = [
    `Functions app running at ${runtime.url}/${prefix} (started in ${ms} ms)`,
    ...runtime.registrations
      .list()
      .map((fn) => `  ${fn.metadata.name}: ${describeTrigger(fn.trigger, runtime.url, prefix)}`),
    `  GET ${runtime.url}/admin/functions lists them; POST /admin/functions/{name} runs one (admin key)`,
    `  storage: Azurite blob :${emulators.ports.blob}, queue :${emulators.ports.queue}; Cosmos DB: ${emulators.cosmosEndpoint}`,
    `  data: ${dataDir} (npm run reset clears it)`,
    `  dashboard: ${runtime.url}/ (enter ${FUNCTION_KEY_SETTING}; promoting asks for ${OPERATOR_KEY_SETTING})`,
    'Press Ctrl-C to stop.',
  ];
  console.log(lines.join('\n'));
}

/**
 * The local keys (development secrets for this machine only: printing them is the point), sent
 * as the x-functions-key header. A higher role's key also allows the lower roles' routes.
 */
function printKeys(
  settings: Record<string, string>,
  settingsFile: string | undefined,
  generated: string[],
): void {
  const from = settingsFile ? path.basename(settingsFile) : 'the environment';
  const lines = [
    `Keys (x-functions-key header; from ${from}${generated.length > 0 ? `, ${generated.length} generated now` : ''}):`,
    ...LOCAL_KEYS.map(
      ({ holder, setting }) => `  ${holder.padEnd(8)} ${setting}=${settings[setting] ?? '(unset)'}`,
    ),
  ];
  console.log(lines.join('\n'));
}

/** One line per function, as Core Tools prints them at start. */
function describeTrigger(trigger: RegisteredFunction['trigger'], url: string, prefix: string): string {
  switch (trigger.type) {
    case 'httpTrigger': {
      const methods = Array.isArray(trigger.methods) ? trigger.methods.join(',') : 'ANY';
      return `[${methods}] ${url}/${prefix ? `${prefix}/` : ''}${String(trigger.route ?? '')}`;
    }
    case 'blobTrigger':
      return `blobTrigger ${String(trigger.path)}`;
    case 'queueTrigger':
      return `queueTrigger ${String(trigger.queueName)}`;
    case 'timerTrigger':
      return `timerTrigger ${String(trigger.schedule)}`;
    default:
      return trigger.type;
  }
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

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_HTTP_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AppError(
      'invalid',
      'bad_setting',
      `${HTTP_PORT_SETTING}="${value}" is not a port number (0-65535).`,
    );
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
