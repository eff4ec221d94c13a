// Starts the app under test: the compiled entry in the in-process local runtime on this run's
// emulators (startPipeline with its own containers, queues and Cosmos database so files can run
// side by side; startApp on the shared names), or `npm start`'s runtime as a process of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { ModelVersion } from '../../src/domain/model-version';
import type { Run } from '../../src/domain/run';
import {
  emulatorSettings as emulatorSettingsOnPorts,
  type EmulatorSettings,
} from '../../src/local/emulators';
import { hostConfigFrom } from '../../src/local/host-config';
import type { InvocationRecord, RuntimeLogger } from '../../src/local/invocation-log';
import { LocalRuntime } from '../../src/local/runtime';
import { createAdapters, type Adapters } from '../../src/platform/adapters';
import { loadConfig, type AppConfig } from '../../src/platform/config';
import { ADMIN_KEY, TEST_KEYS } from './keys';
import { appSettings, isolatedSettings, ROOT, type Transport } from './settings';
import { waitFor } from './wait';

/** The compiled entry (package.json main). */
export const ENTRY = path.join(
  ROOT,
  (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string }).main,
);

/** The small Functions apps of test/local/fixtures the runtime tests load. */
export const FIXTURES = path.join(ROOT, 'test', 'local', 'fixtures');

/** A logger that keeps the lines, for assertions and quiet test output. */
export function memoryLogger(): RuntimeLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (line) => lines.push(`info ${line}`),
    warn: (line) => lines.push(`warn ${line}`),
    error: (line) => lines.push(`error ${line}`),
  };
}

/** Adapters on the emulators, built from the same settings as startApp's app. */
export function testAdapters(): Adapters {
  return createAdapters(loadConfig(appSettings()));
}

/** The compiled entry in the local runtime on a free port, on the shared resource names. */
export async function startApp(options: { blobScanIntervalMs?: number } = {}): Promise<LocalRuntime> {
  return LocalRuntime.start({
    entry: ENTRY,
    settings: appSettings(),
    host: hostConfigFrom({}),
    port: 0,
    logger: memoryLogger(),
    ...options,
  });
}

export interface Pipeline {
  readonly transport: Transport;
  readonly runtime: LocalRuntime;
  readonly adapters: Adapters;
  readonly config: AppConfig;
  readonly invocations: InvocationRecord[];
  readonly logLines: string[];
  /** Uploads a blob into the datasets container as `{model}/{name}`; returns its ETag. */
  drop(model: string, name: string, data: Buffer | string): Promise<string>;
  /** Waits for the run of a blob version to end (succeeded or failed) and returns it. */
  finishedRun(model: string, runId: string, limitMs?: number): Promise<Run>;
  versions(model: string): Promise<ModelVersion[]>;
  /** Runs a timer or queue function now through `POST /admin/functions/{name}` (202 expected). */
  runNow(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the app with fresh resource names on `transport` (default storage); `overrides`
 * replace app settings (e.g. limits).
 */
export async function startPipeline(
  overrides: Record<string, string> = {},
  transport: Transport = 'storage',
): Promise<Pipeline> {
  const settings = isolatedSettings(transport, overrides);
  const invocations: InvocationRecord[] = [];
  const logger = memoryLogger();
  const runtime = await LocalRuntime.start({
    entry: ENTRY,
    settings,
    host: hostConfigFrom({
      extensions: {
        queues: {
          maxPollingInterval: '00:00:00.100',
          visibilityTimeout: '00:00:00',
          maxDequeueCount: 3,
          batchSize: 4,
        },
        serviceBus: { maxConcurrentCalls: 4 },
      },
    }),
    port: 0,
    logger,
    blobScanIntervalMs: 100,
    onInvocation: (r) => invocations.push(r),
  });
  const config = loadConfig(settings);
  const adapters = createAdapters(config);
  return {
    transport,
    runtime,
    adapters,
    config,
    invocations,
    logLines: logger.lines,
    async drop(model, name, data) {
      const info = await adapters.blobs.upload(config.containers.datasets, `${model}/${name}`, data);
      return info.etag;
    },
    async finishedRun(model, runId, limitMs = 120_000) {
      let run: Run | undefined;
      await waitFor(
        `run ${runId} of ${model} to end`,
        async () => {
          run = await adapters.registry.getRun(model, runId);
          return run?.status === 'succeeded' || run?.status === 'failed';
        },
        limitMs,
      );
      return run!;
    },
    async versions(model) {
      return (await adapters.registry.listVersions(model, { pageSize: 100 })).items;
    },
    async runNow(name) {
      const res = await fetch(`${runtime.url}/admin/functions/${name}`, {
        method: 'POST',
        headers: { 'x-functions-key': ADMIN_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ input: '' }),
      });
      if (res.status !== 202)
        throw new Error(`POST /admin/functions/${name} answered ${res.status}: ${await res.text()}`);
    },
    async stop() {
      await runtime.stop();
      // The Service Bus adapter holds an AMQP connection; Storage clients hold none.
      const queue = adapters.queue as Partial<{ close(): Promise<void> }>;
      await queue.close?.();
    },
  };
}

/** `npm start`'s compiled runtime as a process of its own. */
export interface StartedRuntime {
  readonly url: string;
  readonly emulators: EmulatorSettings;
  readonly child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Sends `signal` to its process group and resolves with the exit code (null when killed). */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/** Free ports for the runtime: HTTP, blob, queue, Cosmos. */
export async function freePorts(): Promise<{ http: number; blob: number; queue: number; cosmos: number }> {
  const one = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
  return { http: await one(), blob: await one(), queue: await one(), cosmos: await one() };
}

/**
 * Starts dist/src/local/main.js in its own process group (so a test can kill -9 it as a crash
 * would), on `ports` and the data folder `dataDir`, and waits for a healthy GET /api/health.
 */
export async function startRuntimeProcess(
  dataDir: string,
  ports: Awaited<ReturnType<typeof freePorts>>,
  /** App settings over the defaults, e.g. another container to watch. */
  settings: Record<string, string> = {},
): Promise<StartedRuntime> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/local/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...TEST_KEYS,
      LOCAL_DATA_DIR: dataDir,
      LOCAL_HTTP_PORT: String(ports.http),
      LOCAL_EMULATOR_PORTS: `${ports.blob},${ports.queue},${ports.cosmos}`,
      DRIFT_SCHEDULE: '0 0 0 1 1 *',
      ...settings,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${ports.http}`;
  const started: StartedRuntime = {
    url,
    emulators: emulatorSettingsOnPorts(ports),
    child,
    output: () => out,
    stop: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, signal);
      return exited;
    },
  };
  try {
    await waitFor('the runtime to answer GET /api/health', async () => {
      if (child.exitCode !== null) throw new Error(`the runtime exited with ${child.exitCode}:\n${out}`);
      const res = await fetch(`${url}/api/health`).catch(() => undefined);
      return res?.status === 200;
    });
  } catch (err) {
    await started.stop('SIGKILL');
    throw err;
  }
  return started;
}
