// The serving benchmark's peers and tools: raw ONNX Runtime, a bare node:http server, autocannon
// in its own process (so the load generator does not share the servers' event loop).
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

/** Median wall time of one call in µs, over at least `minMs` of calls after a warm-up. */
export async function medianUs(run: () => Promise<unknown>, minMs = 1000): Promise<number> {
  for (let i = 0; i < 50; i++) await run();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < 20 || performance.now() - start < minMs) {
    const t0 = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - t0) / 1e3);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}

/** A bare node:http server that reads the request body and answers `body` as JSON. */
export async function bareServer(body: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What the benchmark reads of an autocannon run. */
export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  errors: number;
}

/** Runs autocannon (its own process) against `url` with a JSON POST body. */
export function autocannon(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { connections: number; seconds: number },
): Promise<LoadResult> {
  const bin = path.join(path.dirname(require.resolve('autocannon/package.json')), 'autocannon.js');
  const args = [bin, '-j', '-c', String(options.connections), '-d', String(options.seconds), '-m', 'POST'];
  for (const [name, value] of Object.entries({ 'content-type': 'application/json', ...headers })) {
    args.push('-H', `${name}=${value}`);
  }
  args.push('-b', body, url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      const r = JSON.parse(out) as {
        requests: { average: number };
        latency: { p50: number; p99: number };
        '2xx': number;
        non2xx: number;
        errors: number;
        timeouts: number;
      };
      resolve({
        requestsPerSecond: r.requests.average,
        p50Ms: r.latency.p50,
        p99Ms: r.latency.p99,
        ok: r['2xx'],
        errors: r.non2xx + r.errors + r.timeouts,
      });
    });
  });
}
