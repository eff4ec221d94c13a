// Data drop to production: time from the blob upload to the production alias moving, through
// the local runtime (host.json's polling settings) on in-process emulators, split into the upload,
// queue latency (from the upload's end: blob scan + two queue hops), the train, validate and
// register invocations, and the train step's own phases (run_timings_ms). One JSON line per
// case, with stages_ms: the drop stage by stage in the order they run (they sum to total_ms).
// The bike data is compared with the 2 s target, and with issue 13's 3 s (no external peer).
// BENCH_PIPELINE_CASES (comma-separated names, e.g. bike-sharing-hour) runs only those cases.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { csvHeader, toCsvLine } from '../src/datagen/format';
import { generateTaxiDemand, TAXI_DEMAND_SPEC } from '../src/datagen/taxi-demand';
import { startEmulators } from '../src/local/emulators';
import { hostConfigFrom } from '../src/local/host-config';
import type { InvocationRecord } from '../src/local/invocation-log';
import { LocalRuntime } from '../src/local/runtime';
import { createAdapters } from '../src/platform/adapters';
import { loadConfig } from '../src/platform/config';
import { runIdFor } from '../src/domain/ids';
import { benchAppSettings, ROOT } from './bench-app';

const BIKE = path.resolve(ROOT, '..', 'shared', 'data', 'bike-sharing', 'hour.csv');
const TARGET_MS = 2000;
/** The looser ceiling: drop to production under 3 s, refit included. */
const CEILING_MS = 3000;
const TAXI_ROWS = Number(process.env.BENCH_TAXI_ROWS ?? 1_000_000);

interface Timed extends InvocationRecord {
  endMs: number;
}

async function main(): Promise<void> {
  // BENCH_PERSIST=1 keeps the emulators' data in a temporary folder, as `npm start` does, to
  // time what saving it within a second costs.
  const dataDir = process.env.BENCH_PERSIST ? mkdtempSync(path.join(tmpdir(), 'bench-pipeline-')) : undefined;
  const emulators = await startEmulators({ ports: { blob: 0, queue: 0, cosmos: 0 }, dataDir });
  const settings = benchAppSettings(emulators);
  // host.json as shipped; BENCH_MAX_POLLING_INTERVAL (e.g. 00:00:00.250) overrides the queue polling ceiling.
  const hostJson = JSON.parse(readFileSync(path.join(ROOT, 'host.json'), 'utf8')) as {
    extensions: { queues: Record<string, unknown> };
  };
  if (process.env.BENCH_MAX_POLLING_INTERVAL) {
    hostJson.extensions.queues.maxPollingInterval = process.env.BENCH_MAX_POLLING_INTERVAL;
  }
  const maxPollingInterval = String(hostJson.extensions.queues.maxPollingInterval);
  const host = hostConfigFrom(hostJson);
  const records: Timed[] = [];
  const quiet = { info: () => {}, warn: () => {}, error: (line: string) => console.error(line) };
  const runtime = await LocalRuntime.start({
    entry: path.join(ROOT, 'dist/src/index.js'),
    settings,
    host,
    port: 0,
    logger: quiet,
    onInvocation: (r) => records.push({ ...r, endMs: performance.now() }),
  });
  const config = loadConfig(settings);
  const { blobs, registry } = createAdapters(config);
  try {
    const cases: { name: string; spec: object; data: () => Buffer | undefined; target?: number }[] = [
      {
        name: 'bike-sharing-hour',
        spec: { target: 'cnt', timeColumn: 'dteday', exclude: ['instant', 'casual', 'registered'] },
        data: () => (existsSync(BIKE) ? readFileSync(BIKE) : undefined),
        target: TARGET_MS,
      },
      {
        // The same drop again (to another model): the process and its training worker are warm.
        name: 'bike-sharing-hour-warm',
        spec: { target: 'cnt', timeColumn: 'dteday', exclude: ['instant', 'casual', 'registered'] },
        data: () => (existsSync(BIKE) ? readFileSync(BIKE) : undefined),
        target: TARGET_MS,
      },
      {
        name: `taxi-${TAXI_ROWS}`,
        spec: TAXI_DEMAND_SPEC,
        data: () => taxiRows(TAXI_ROWS),
      },
    ];
    const only = process.env.BENCH_PIPELINE_CASES?.split(',');
    for (const c of cases.filter((x) => only === undefined || only.includes(x.name))) {
      const data = c.data();
      if (!data) {
        console.log(JSON.stringify({ case: c.name, skipped: `missing ${path.relative(ROOT, BIKE)}` }));
        continue;
      }
      const model = c.name.replace(/[^a-z0-9-]/g, '-');
      await blobs.upload(config.containers.datasets, `${model}/model.json`, JSON.stringify(c.spec));
      await waitUntil(() => records.some((r) => r.functionName === 'trainOnDataDrop'), 30_000).catch(
        () => {},
      );
      const from = records.length;
      const t0 = performance.now();
      const { etag } = await blobs.upload(config.containers.datasets, `${model}/data.csv`, data);
      const uploaded = performance.now();
      await waitUntil(async () => (await registry.getAlias(model, 'production')) !== undefined, 600_000);
      const total = performance.now() - t0;
      // The alias moves inside the register invocation; its record arrives as it returns.
      await waitUntil(() => records.slice(from).some((r) => r.functionName === 'registerVersion'), 30_000);
      const mine = records.slice(from);
      const span = (fn: string) => {
        const r = mine.filter((x) => x.functionName === fn).at(-1);
        if (!r) throw new Error(`no ${fn} invocation for ${c.name}`);
        return { start: r.endMs - r.durationMs, end: r.endMs };
      };
      const train = span('trainOnDataDrop');
      const validate = span('validateCandidate');
      const register = span('registerVersion');
      const queue = train.start - uploaded + (validate.start - train.end) + (register.start - validate.end);
      const version = (await registry.getAlias(model, 'production'))!.version;
      const timings = (await registry.getRun(model, runIdFor(`${model}/data.csv`, etag)))?.timings ?? {};
      const metrics = (await registry.getVersion(model, version))!.metrics;
      const line: Record<string, unknown> = {
        bench: 'pipeline',
        case: c.name,
        bytes: data.byteLength,
        total_ms: Math.round(total),
        upload_ms: Math.round(uploaded - t0),
        queue_latency_ms: Math.round(queue),
        training_ms: Math.round(train.end - train.start),
        validation_ms: Math.round(validate.end - validate.start),
        registration_ms: Math.round(register.end - register.start),
        holdout_rmse: round(metrics.rmse),
        max_polling_interval: maxPollingInterval,
        stages_ms: stagesOf(timings, {
          upload: uploaded - t0,
          train,
          validate,
          register,
          uploaded,
          total,
        }),
        run_timings_ms: timings,
      };
      if (c.target) {
        Object.assign(line, {
          target_ms: c.target,
          ratio_to_target: round(total / c.target),
          ceiling_ms: CEILING_MS,
          ratio_to_ceiling: round(total / CEILING_MS),
        });
      }
      console.log(JSON.stringify(line));
    }
  } finally {
    await runtime.stop();
    await emulators.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

interface Span {
  start: number;
  end: number;
}

/**
 * One drop stage by stage, in ms: the blob trigger seeing the upload, the train step's set-up,
 * the hop to the training worker and back, its phases (parse, prepare, fit of the validated
 * model with its holdout predictions, the refit's remaining wait, training profile, ONNX export
 * with holdout.jsonl), writing the artifacts, each queue hop, the validate step (ONNX holdout
 * scoring, parity, gates) and the register step (which moves the alias).
 */
function stagesOf(
  t: Readonly<Record<string, number>>,
  m: { upload: number; train: Span; validate: Span; register: Span; uploaded: number; total: number },
): Record<string, number> {
  const n = (k: string): number => t[k] ?? 0;
  const inWorker = ['readMs', 'prepareMs', 'trainMs', 'predictMs', 'profileMs', 'exportMs'];
  const phases = inWorker.reduce((sum, k) => sum + n(k), 0);
  const trainStep = m.train.end - m.train.start;
  const stages = {
    upload: m.upload,
    blob_seen: m.train.start - m.uploaded,
    train_open: n('open'),
    worker_hop: n('train') - phases,
    parse: n('readMs'),
    prepare: n('prepareMs'),
    fit: n('fitMs'),
    refit: n('refitMs'),
    holdout_predict_and_profile: n('predictMs') + n('profileMs'),
    onnx_export: n('exportMs'),
    artifacts_written: n('artifacts'),
    train_step_rest: trainStep - n('open') - n('train') - n('artifacts'),
    validate_message: m.validate.start - m.train.end,
    validated: m.validate.end - m.validate.start,
    register_message: m.register.start - m.validate.end,
    registered_and_alias_moved: m.register.end - m.register.start,
  };
  // The alias is read as moved a little before the register invocation's record returns.
  const rest = m.total - Object.values(stages).reduce((a, b) => a + b, 0);
  return Object.fromEntries(
    Object.entries({ ...stages, unaccounted: rest }).map(([k, v]) => [k, Math.round(v)]),
  );
}

/** Generated hourly taxi demand as CSV: `rows` rows (of 50 zones, hour by hour). */
function taxiRows(rows: number): Buffer {
  const zones = 50;
  const parts = [csvHeader()];
  let n = 0;
  for (const row of generateTaxiDemand({ days: Math.ceil(rows / (zones * 24)), zones, seed: 1 })) {
    if (n++ >= rows) break;
    parts.push(toCsvLine(row));
  }
  return Buffer.from(parts.join(''));
}

const round = (x: number | undefined): number | undefined =>
  x === undefined ? undefined : Math.round(x * 1000) / 1000;

async function waitUntil(check: () => boolean | Promise<boolean>, limitMs: number): Promise<void> {
  const deadline = performance.now() + limitMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
