import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadAppSettings } from '../../local/app-settings';
import { LOCAL_KEYS, type KeyHolder } from '../../local/http/auth';
import { ensureLocalKeys } from '../../local/local-keys';
import { emulatorAppSettings, startEmulators } from '../../local/emulators';
import { loadHostConfig } from '../../local/host-config';
import type { RuntimeLogger } from '../../local/invocation-log';
import { LocalRuntime } from '../../local/runtime';

/** The local runtime the demo runs: its own free ports and a temporary data folder. */
export interface DemoRuntime {
  url: string;
  storageConnectionString: string;
  datasetsContainer: string;
  /** The local keys, by holder (from local.settings.json, generated there when absent). */
  keys: Record<KeyHolder, string>;
  /** Folder of the demo's data, generated files and the runtime log. */
  dir: string;
  logFile: string;
  stop(): Promise<void>;
}

/** The package root: this file is dist/src/cli/demo/demo-runtime.js. */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/**
 * Starts the emulators and the app on free ports with data in a new temporary folder, so the
 * demo runs beside `npm start` without touching .local/. The runtime's log goes to a file.
 */
export async function startDemoRuntime(): Promise<DemoRuntime> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlops-demo-'));
  const logFile = path.join(dir, 'runtime.log');
  const log = (line: string): void => appendFileSync(logFile, `[${new Date().toISOString()}] ${line}\n`);
  const logger: RuntimeLogger = { info: log, warn: log, error: log };
  ensureLocalKeys(PACKAGE_ROOT);
  const { settings } = loadAppSettings(PACKAGE_ROOT);
  const emulators = await startEmulators({
    dataDir: path.join(dir, 'data'),
    ports: { blob: 0, queue: 0, cosmos: 0 },
  });
  const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { main: string };
  let runtime: LocalRuntime;
  try {
    runtime = await LocalRuntime.start({
      entry: path.join(PACKAGE_ROOT, pkg.main),
      settings: {
        ...settings,
        ...emulatorAppSettings(emulators),
        // The demo runs the drift check itself, when its data is in: the timer stays quiet.
        DRIFT_SCHEDULE: '0 0 0 1 1 *',
      },
      host: loadHostConfig(PACKAGE_ROOT),
      port: 0,
      logger,
      blobScanIntervalMs: 250,
    });
  } catch (error) {
    await emulators.stop().catch(() => undefined);
    throw error;
  }
  return {
    url: runtime.url,
    storageConnectionString: emulators.storageConnectionString,
    datasetsContainer: settings.DATASETS_CONTAINER ?? 'datasets',
    keys: Object.fromEntries(LOCAL_KEYS.map((k) => [k.holder, settings[k.setting] ?? ''])) as Record<
      KeyHolder,
      string
    >,
    dir,
    logFile,
    async stop() {
      await runtime.stop();
      await emulators.stop();
      rmSync(path.join(dir, 'data'), { recursive: true, force: true });
    },
  };
}
