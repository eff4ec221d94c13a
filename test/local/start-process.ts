// `npm start`'s compiled runtime as a process of its own (its own process group, so a test can
// kill -9 it as a crash would), on free ports and a given data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { TEST_KEYS } from '../support/local-keys';
import { createServer } from 'node:net';
import path from 'node:path';
import { emulatorSettings, type EmulatorSettings } from '../../src/local/emulators';
import { waitFor } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');

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

/** Starts dist/src/local/main.js and waits for a healthy GET /api/health. */
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
    emulators: emulatorSettings(ports),
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
