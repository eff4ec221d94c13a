// Start-up of `npm start` from a built checkout with no source change (its build step included):
// spawn it, time until GET /api/health answers 200, then Ctrl-C its process group and check it
// exits cleanly. Prints one JSON line against the 3 s target (Core Tools cannot run on this
// machine, so the target is the peer).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = Number(process.env.LOCAL_HTTP_PORT ?? 7071);
const TARGET_MS = 3000;

async function once(): Promise<number> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'local-start-'));
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, LOCAL_DATA_DIR: dataDir, LOCAL_HTTP_PORT: String(PORT) },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true, // its own process group: npm, the shell and the runtime get the Ctrl-C
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the runtime exited with code ${child.exitCode}`);
      if (performance.now() - started > 30_000) throw new Error('no healthy answer within 30 s');
      const ok = await fetch(`http://127.0.0.1:${PORT}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    process.kill(-child.pid!, 'SIGINT');
    const code = await exited;
    rmSync(dataDir, { recursive: true, force: true });
    if (code !== 0) process.exitCode = 1;
  }
}

async function main(): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await once());
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(
    JSON.stringify({
      bench: 'local-start-to-healthy',
      runs: RUNS,
      ours_ms: Math.round(median),
      all_ms: times.map(Math.round),
      peer: 'target',
      peer_ms: TARGET_MS,
      ratio: Number((median / TARGET_MS).toFixed(3)),
    }),
  );
}

main().catch((err: unknown) => {
  console.error(`bench failed: ${(err as Error).message}`);
  process.exit(1);
});
