// The serving benchmark's MLflow-style peer: bench/serve_peer.py (FastAPI + uvicorn x2 + pandas +
// scikit-learn HGB from Debian packages) in a process of its own, on 127.0.0.1 only.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { ROOT } from './bench-app';

const PYTHON = '/usr/bin/python3';
/** Fitting the peer's model and starting its workers on 2 busy cores: generous, but bounded. */
const START_LIMIT_MS = 300_000;

export interface PeerServer {
  /** The scoring route, POST {"dataframe_records": [...]}. */
  readonly url: string;
  stop(): Promise<void>;
}

/** Whether the peer's packages import; says how to install them when not. */
export function mlflowStylePeerAvailable(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import fastapi, uvicorn, pandas, sklearn'], { stdio: 'pipe' });
    return true;
  } catch {
    process.stderr.write(
      `MLflow-style peer skipped: ${PYTHON} cannot import fastapi, uvicorn, pandas and sklearn; ` +
        'install them with `apt-get install -y python3-fastapi python3-uvicorn python3-pandas python3-sklearn`.\n',
    );
    return false;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Fits the peer on the rows of `csvPath` and starts it; resolves once GET /ping answers. */
export async function startMlflowStylePeer(csvPath: string): Promise<PeerServer> {
  const port = await freePort();
  const child = spawn(PYTHON, [path.join(ROOT, 'bench', 'serve_peer.py'), csvPath, String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    // One OpenMP thread per worker (BENCH_SERVE_PEER_THREADS to change): 2 workers then use the 2
    // cores, where scikit-learn's default of a thread per core per worker oversubscribes them.
    env: { ...process.env, OMP_NUM_THREADS: process.env.BENCH_SERVE_PEER_THREADS ?? '1' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
  const exited = once(child, 'exit');
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGINT'); // uvicorn shuts its workers down on SIGINT
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  const base = `http://127.0.0.1:${port}`;
  const end = Date.now() + START_LIMIT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve_peer.py exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${base}/ping`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) {
      await stop();
      throw new Error(`serve_peer.py did not answer /ping within ${START_LIMIT_MS} ms: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url: `${base}/invocations`, stop };
}
