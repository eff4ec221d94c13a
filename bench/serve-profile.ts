// Profiles the local runtime while autocannon sends single-row predicts (the HTTP part of
// bench:serve), on a small model; prints CPU µs per request, and writes a .cpuprofile when
// PROFILE_OUT names one.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { renderRows } from '../src/datagen/format';
import { generateTaxiDemand, TAXI_DEMAND_SPEC } from '../src/datagen/taxi-demand';
import { LocalRuntime } from '../src/local/runtime';
import { createAdapters } from '../src/platform/adapters';
import { loadConfig } from '../src/platform/config';
import { benchAppSettings, ROOT, shippedHostConfig } from './bench-app';
import { startEmulatorProcess } from './emulator-process';
import { autocannon } from './serve-peers';

const MODEL = 'taxi-prof';
const SECONDS = Number(process.env.BENCH_SERVE_SECONDS ?? 8);

async function main(): Promise<void> {
  const emulators = await startEmulatorProcess();
  const settings = benchAppSettings(emulators.settings);
  const quiet = { info: () => {}, warn: () => {}, error: (line: string) => console.error(line) };
  const runtime = await LocalRuntime.start({
    entry: path.join(ROOT, 'dist/src/index.js'),
    settings,
    host: shippedHostConfig(),
    port: 0,
    logger: quiet,
  });
  const config = loadConfig(settings);
  const { blobs, registry } = createAdapters(config);
  try {
    const spec = { ...TAXI_DEMAND_SPEC, params: { nEstimators: 20, maxDepth: 6 } };
    await blobs.upload(config.containers.datasets, `${MODEL}/model.json`, JSON.stringify(spec));
    const rows = [...generateTaxiDemand({ days: 20, zones: 4, seed: 3 })];
    await blobs.upload(config.containers.datasets, `${MODEL}/data.csv`, renderRows(rows, 'csv'));
    const end = Date.now() + 300_000;
    while ((await registry.getAlias(MODEL, 'production')) === undefined) {
      if (Date.now() > end) throw new Error('no model');
      await new Promise((r) => setTimeout(r, 200));
    }
    const { trips: _t, ...record } = rows[0]!;
    const body = JSON.stringify({ rows: [record] });
    const headers = { 'x-functions-key': settings.LOCAL_FUNCTION_KEY! };
    const url = `${runtime.url}/api/models/${MODEL}/predict`;
    await autocannon(url, body, headers, { connections: 32, seconds: 2 }); // warm-up
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    if (process.env.PROFILE_OUT) await session.post('Profiler.start');
    const cpu0 = process.cpuUsage();
    const emulatorCpu0 = emulators.cpuUs();
    const app = await autocannon(url, body, headers, { connections: 32, seconds: SECONDS });
    const cpu = process.cpuUsage(cpu0);
    const emulatorCpuUs = emulators.cpuUs() - emulatorCpu0;
    if (process.env.PROFILE_OUT) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
    }
    // CPU per request is steadier than requests/s when other work shares the machine.
    const requests = app.requestsPerSecond * SECONDS;
    console.log(
      JSON.stringify({
        rps: Math.round(app.requestsPerSecond),
        cpu_us_per_request: Math.round((cpu.user + cpu.system) / requests),
        // Azurite and the Cosmos stand-in, in their own process: storage work the requests caused.
        emulator_cpu_us_per_request: Math.round(emulatorCpuUs / requests),
        p50_ms: app.p50Ms,
        p99_ms: app.p99Ms,
        errors: app.errors,
        load: os.loadavg()[0],
      }),
    );
  } finally {
    await runtime.stop();
    await emulators.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
