// Serving benchmark, one invocation, on a 100-tree taxi demand model trained through the pipeline
// (local runtime; the emulators in a process of their own, as storage is remote in Azure). One
// JSON line per case, ours vs peer:
//  - in-process: the predict use case (body parse, validation, features, ONNX, log) for 1 and
//    10,000 rows vs raw session.run on the same input: overhead per 1-row request, rows/s ratio;
//  - HTTP: single-row POSTs through the local runtime vs a bare node:http server answering a
//    JSON body of the same size (autocannon, 32 connections, fixed duration): requests/s ratio,
//    p50/p99, errors, and rows logged == rows predicted;
//  - HTTP against an MLflow-style scoring server (bench/serve-vs-mlflow.ts): 1 row at 1 and 32
//    connections and 1,000-row batches, requests/s and p50/p99, ours / peer;
//  - shadow challenger: a second drop's version on trial beside production, predict latency
//    (until the answer) with vs without it, in-process (1 and 10,000 rows, interleaved rounds)
//    and over HTTP (1 row, 32 connections): p50/p99, ratio of p50s, target at most 1.2.
// Run with `npm run bench:serve`; BENCH_SERVE_SECONDS changes the HTTP duration (default 10);
// BENCH_SERVE_ONLY=in-process stops after the in-process cases.
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { renderRows } from '../src/datagen/format';
import { generateTaxiDemand, TAXI_DEMAND_SPEC } from '../src/datagen/taxi-demand';
import { LocalRuntime } from '../src/local/runtime';
import { transformRecords } from '../src/ml/features';
import { INPUT_NAME } from '../src/ml/onnx';
import { toRowMajor } from '../src/ml/onnx/row-major';
import { artifactPaths, parseModelCard } from '../src/domain/model-card';
import { createAdapters } from '../src/platform/adapters';
import { loadConfig } from '../src/platform/config';
import { blobVersionLoader } from '../src/serving/model-cache/load-version';
import { ModelCache } from '../src/serving/model-cache/model-cache';
import { PredictionLog } from '../src/serving/prediction-log/prediction-log';
import { predict, type PredictDeps } from '../src/serving/predict/predict';
import { ChallengerTraffic } from '../src/serving/predict/challenger-traffic';
import type { PredictedRow } from '../src/domain/log-row';
import type { Alias } from '../src/domain/alias';
import type { Stored } from '../src/platform/ports/stored';
import type { Registry } from '../src/platform/ports/registry';
import { benchAppSettings, ROOT, shippedHostConfig } from './bench-app';
import { startEmulatorProcess } from './emulator-process';
import { autocannon, bareServer, medianUs, type LoadResult } from './serve-peers';
import { compareWithMlflowStyle } from './serve-vs-mlflow';

const MODEL = 'taxi-serve';
const SECONDS = Number(process.env.BENCH_SERVE_SECONDS ?? 10);
const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

async function until(check: () => Promise<boolean>, limitMs: number): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up after ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main(): Promise<void> {
  const emulators = await startEmulatorProcess();
  // Aliases trusted for 2 s, so the HTTP shadow case can put the challenger on and off quickly.
  const settings: Record<string, string> = {
    ...benchAppSettings(emulators.settings),
    ALIAS_CACHE_SECONDS: '2',
  };
  let predictedRows = 0;
  let rowsPerRequest = 1;
  const quiet = { info: () => {}, warn: () => {}, error: (line: string) => console.error(line) };
  const runtime = await LocalRuntime.start({
    entry: path.join(ROOT, 'dist/src/index.js'),
    settings,
    host: shippedHostConfig(),
    port: 0,
    logger: quiet,
    // Rows predicted = successful predict invocations times the rows each carried, counted by the host.
    onInvocation: (r) => {
      if (r.functionName === 'predict' && r.outcome === 'Succeeded') predictedRows += rowsPerRequest;
    },
  });
  const config = loadConfig(settings);
  const { blobs, registry } = createAdapters(config);
  let stopped = false;
  try {
    const spec = {
      ...TAXI_DEMAND_SPEC,
      params: { nEstimators: 100, maxDepth: 6 },
      // A later drop goes on trial in shadow. It needs only to be servable, not to beat production
      // on rmse (the default change gate), so the shadow case cannot lose its challenger to noise.
      validation: { ...TAXI_DEMAND_SPEC.validation, gates: [{ metric: 'r2', threshold: 0 }] },
      deployment: { promotion: 'shadow' },
    };
    await blobs.upload(config.containers.datasets, `${MODEL}/model.json`, JSON.stringify(spec));
    const rows = [...generateTaxiDemand({ days: 60, zones: 8, seed: 3 })];
    const trainingCsv = renderRows(rows, 'csv');
    await blobs.upload(config.containers.datasets, `${MODEL}/data.csv`, trainingCsv);
    await until(async () => (await registry.getAlias(MODEL, 'production')) !== undefined, 300_000);
    const version = (await registry.getAlias(MODEL, 'production'))!.version;

    // Request rows: the generated rows without their target.
    const records = rows.slice(0, 10_000).map(({ trips: _trips, ...r }) => r);
    const models = config.containers.models;
    const card = parseModelCard(
      (await blobs.downloadToBuffer(models, artifactPaths(MODEL, version).card)).data.toString('utf8'),
      'card.json',
    );
    const onnx = (await blobs.downloadToBuffer(models, card.onnx.path)).data;

    // Raw ONNX Runtime: one session, features already encoded, a tensor per call.
    const session = await ort.InferenceSession.create(onnx, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    const nFeatures = card.featurePipeline.featureNames.length;
    const raw = (n: number) => {
      const data = toRowMajor(transformRecords(card.featurePipeline, records.slice(0, n)));
      return () => session.run({ [INPUT_NAME]: new ort.Tensor('float32', data, [n, nFeatures]) });
    };

    // Ours in-process: the use case as the function calls it, with a real cache and log.
    const log = new PredictionLog({ blobs, container: 'bench-serve-inprocess', instance: 'bench' });
    const deps = {
      cache: new ModelCache({
        registry,
        load: blobVersionLoader(blobs, models),
        aliasCacheSeconds: config.aliasCacheSeconds,
      }),
      log,
      limits: config.limits,
    };
    const ours = (n: number) => {
      const bytes = new Uint8Array(Buffer.from(JSON.stringify({ rows: records.slice(0, n) })));
      const body = {
        contentType: 'application/json',
        contentLength: String(bytes.length),
        bytes: async () => bytes,
      };
      return () => predict(deps, { model: MODEL, body });
    };
    // The contract's own JSON work, with nothing else: decode and parse the request body (needed
    // to check and encode every field) and copy each row's bytes into the log. No handler can beat
    // raw ORT + this, so it bounds the ratio.
    const jsonFloor = (n: number) => {
      const bytes = Buffer.from(JSON.stringify({ rows: records.slice(0, n) }));
      // Returns what it made, so neither step is dead code to the compiler.
      return async () => [JSON.parse(bytes.toString('utf8')) as unknown, Buffer.concat([bytes])];
    };
    for (const n of [1, 10_000]) {
      const oursUs = await medianUs(ours(n), n === 1 ? 2000 : 3000);
      const rawUs = await medianUs(raw(n), n === 1 ? 2000 : 3000);
      const floorUs = n === 1 ? 0 : await medianUs(jsonFloor(n), 3000);
      const line =
        n === 1
          ? {
              overhead_us: round(oursUs - rawUs, 1),
              target_overhead_us: 50,
              ratio_to_target: round((oursUs - rawUs) / 50),
            }
          : {
              json_floor_us: round(floorUs, 1),
              ceiling_ratio: round(rawUs / (rawUs + floorUs)),
              ours_rows_per_s: Math.round((n / oursUs) * 1e6),
              peer_rows_per_s: Math.round((n / rawUs) * 1e6),
              ratio: round(rawUs / oursUs),
              target_ratio: 0.5,
            };
      console.log(
        JSON.stringify({
          bench: 'serve',
          case: `in-process-${n}-rows`,
          ours_us: round(oursUs, 1),
          peer: 'onnxruntime session.run',
          peer_us: round(rawUs, 1),
          ...line,
        }),
      );
    }
    await session.release();

    // Shadow: a second drop (other seed) trained by the pipeline goes on trial beside version 1.
    const secondCsv = renderRows([...generateTaxiDemand({ days: 60, zones: 8, seed: 4 })], 'csv');
    await blobs.upload(config.containers.datasets, `${MODEL}/data-2.csv`, secondCsv);
    const challenger = await challengerOnTrial(registry, version);
    await inProcessShadow(deps, records, version);
    await log.close();
    // Off until the HTTP shadow run, so the HTTP cases before it are measured without a challenger.
    await registry.deleteAlias(MODEL, 'challenger', challenger.etag);
    if (process.env.BENCH_SERVE_ONLY === 'in-process') return;

    // Over HTTP: the app through the local runtime vs a bare node:http server.
    const body = JSON.stringify({ rows: [records[0]] });
    const headers = { 'x-functions-key': settings.LOCAL_FUNCTION_KEY! };
    const url = `${runtime.url}/api/models/${MODEL}/predict`;
    const first = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    });
    const answer = await first.text();
    if (first.status !== 200) throw new Error(`predict answered ${first.status}: ${answer}`);
    const bare = await bareServer(answer);
    const peer = await autocannon(bare.url, body, {}, { connections: 32, seconds: SECONDS });
    await bare.close();
    const echo = await echoRuntime(settings, answer);
    const floor = await autocannon(`${echo.url}/api/echo`, body, headers, {
      connections: 32,
      seconds: SECONDS,
    });
    await echo.stop();
    const app = await autocannon(url, body, headers, { connections: 32, seconds: SECONDS });
    await compareWithMlflowStyle({
      url,
      headers,
      records,
      trainingCsv,
      seconds: SECONDS,
      setRowsPerRequest: (n) => (rowsPerRequest = n),
    });
    // The single-row case with and without the challenger on trial, in alternating slots (this
    // machine's load drifts within a run). The runtime reads the alias anew only once its cached
    // read is ALIAS_CACHE_SECONDS old: each slot waits that long first.
    rowsPerRequest = 1;
    const slotSeconds = Math.max(2, Math.round(SECONDS / 2));
    const slots: { on: boolean; result: LoadResult }[] = [];
    let onTrial: { etag: string } | undefined;
    let answeredShadowed = 0;
    for (let r = 0; r < 3; r++) {
      for (const on of r % 2 === 0 ? [false, true] : [true, false]) {
        if (on && !onTrial) {
          onTrial = await registry.setAlias(
            MODEL,
            'challenger',
            challenger.version,
            null,
            challenger.reason,
            challenger.trial,
          );
        }
        if (!on && onTrial) {
          await registry.deleteAlias(MODEL, 'challenger', onTrial.etag);
          onTrial = undefined;
        }
        await new Promise((resolve) => setTimeout(resolve, config.aliasCacheSeconds * 1000 + 500));
        const before = predictedRows;
        const result = await autocannon(url, body, headers, { connections: 32, seconds: slotSeconds });
        if (on) answeredShadowed += predictedRows - before;
        slots.push({ on, result });
      }
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const summary = (on: boolean) => {
      const results = slots.filter((x) => x.on === on).map((x) => x.result);
      return {
        rps: median(results.map((x) => x.requestsPerSecond)),
        p50: median(results.map((x) => x.p50Ms)),
        p99: median(results.map((x) => x.p99Ms)),
        errors: results.reduce((n, x) => n + x.errors, 0),
      };
    };
    const [plain, shadowed] = [summary(false), summary(true)];
    await runtime.stop(); // appTerminate flushes the prediction log
    stopped = true;
    let logged = 0;
    let shadowRows = 0;
    for await (const blob of blobs.list(config.containers.predictionLogs, `${MODEL}/`)) {
      const { data } = await blobs.downloadToBuffer(config.containers.predictionLogs, blob.name);
      for (const line of data.toString('utf8').trim().split('\n')) {
        if (line.endsWith(',"shadow":true}')) shadowRows++;
        else logged++;
      }
    }
    console.log(
      JSON.stringify({
        bench: 'serve',
        case: 'http-1-row-32-connections',
        seconds: SECONDS,
        response_bytes: Buffer.byteLength(answer),
        ours_rps: Math.round(app.requestsPerSecond),
        peer: 'bare node:http',
        peer_rps: Math.round(peer.requestsPerSecond),
        ratio: round(app.requestsPerSecond / peer.requestsPerSecond),
        target_ratio: 0.6,
        // A function that does nothing, through the same runtime: what no real function can beat.
        echo_function_rps: Math.round(floor.requestsPerSecond),
        ceiling_ratio: round(floor.requestsPerSecond / peer.requestsPerSecond),
        ours_to_echo_ratio: round(app.requestsPerSecond / floor.requestsPerSecond),
        ours_p50_ms: app.p50Ms,
        ours_p99_ms: app.p99Ms,
        peer_p50_ms: peer.p50Ms,
        peer_p99_ms: peer.p99Ms,
        ours_errors: app.errors,
        peer_errors: peer.errors,
        predicted_rows: predictedRows,
        logged_rows: logged,
      }),
    );
    console.log(
      JSON.stringify({
        bench: 'serve',
        case: 'http-1-row-32-connections-shadow',
        slots: '3 of each, alternating',
        slot_seconds: slotSeconds,
        ours: `shadow challenger v${challenger.version}`,
        ours_rps: Math.round(shadowed.rps),
        ours_p50_ms: shadowed.p50,
        ours_p99_ms: shadowed.p99,
        peer: 'no challenger',
        peer_rps: Math.round(plain.rps),
        peer_p50_ms: plain.p50,
        peer_p99_ms: plain.p99,
        ratio: round(shadowed.p50 / plain.p50),
        target_max_ratio: 1.2,
        p99_ratio: round(shadowed.p99 / plain.p99),
        rps_ratio: round(shadowed.rps / plain.rps),
        ours_errors: shadowed.errors,
        peer_errors: plain.errors,
        // Shadow scorings beyond the backlog bound are skipped: the share that was scored.
        shadow_rows: shadowRows,
        shadow_share: round(shadowRows / Math.max(1, answeredShadowed)),
      }),
    );
  } finally {
    if (!stopped) await runtime.stop();
    await emulators.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

/** The local runtime hosting bench/echo-app (a function that does no work). */
function echoRuntime(settings: Record<string, string>, answer: string): Promise<LocalRuntime> {
  process.env.BENCH_ECHO_ANSWER = answer;
  return LocalRuntime.start({
    entry: path.join(ROOT, 'dist/bench/echo-app.js'),
    settings,
    host: shippedHostConfig(),
    port: 0,
    logger: { info: () => {}, warn: () => {}, error: (line: string) => console.error(line) },
  });
}

/** Waits for the pipeline to put the version after `production` on trial; its alias. */
async function challengerOnTrial(
  registry: Pick<Registry, 'getAlias' | 'getVersion'>,
  production: number,
): Promise<Stored<Alias> & Required<Pick<Alias, 'trial' | 'reason'>>> {
  let alias: Stored<Alias> | undefined;
  await until(async () => {
    const next = await registry.getVersion(MODEL, production + 1);
    if (next?.status === 'rejected')
      throw new Error(`version ${next.version} was rejected: ${next.statusReason}`);
    alias = await registry.getAlias(MODEL, 'challenger');
    return alias !== undefined;
  }, 300_000);
  const { trial, reason } = alias!;
  if (trial?.mode !== 'shadow') throw new Error(`the challenger is not in shadow: ${JSON.stringify(trial)}`);
  return { ...alias!, trial, reason: reason ?? 'shadow trial' };
}

/**
 * Sequential predict calls with and without the shadow challenger, in interleaved rounds (order
 * swapped each round) so machine noise falls on both alike. A call is timed until predict
 * resolves, what a client waits for; the shadow scoring after it is drained between rounds, but
 * the next call of a round does compete with it, as back-to-back requests would (ours_*), unless
 * the calls are spaced so it finishes first (ours_idle_*).
 */
async function inProcessShadow(
  deps: PredictDeps & { cache: ModelCache },
  records: readonly object[],
  production: number,
): Promise<void> {
  const errors: unknown[] = [];
  const traffic = new ChallengerTraffic({
    cache: deps.cache,
    // A challenger that does not load must fail the case, not quietly measure no shadow.
    moves: { retire: (_m, _v, _o, reason) => Promise.reject(new Error(reason)) },
    onError: (err) => errors.push(err),
  });
  const plan = await traffic.plan(MODEL, production, 'bench');
  if (!plan || plan.answers) throw new Error('no challenger scored in shadow');
  let shadowRows = 0;
  const log = {
    append(rows: readonly PredictedRow[]): Promise<void> {
      if (rows[0]?.shadow) shadowRows += rows.length;
      return deps.log.append(rows);
    },
  };
  const drained = async (): Promise<void> => {
    while (traffic.backlog > 0) await new Promise((r) => setImmediate(r));
  };
  for (const [n, perRound] of [
    [1, 2000],
    [10_000, 6],
  ] as const) {
    const bytes = new Uint8Array(Buffer.from(JSON.stringify({ rows: records.slice(0, n) })));
    const call = (challengers?: ChallengerTraffic) => () =>
      predict(
        { ...deps, log, ...(challengers && { challengers }) },
        {
          model: MODEL,
          body: {
            contentType: 'application/json',
            contentLength: String(bytes.length),
            bytes: async () => bytes,
          },
        },
      );
    // Back to back: the shadow scoring of one request runs before the next is read, so its cost
    // shows in the requests that follow, as it would on a busy instance.
    const conditions = [
      { run: call(), times: [] as number[] },
      { run: call(traffic), times: [] as number[] },
    ];
    for (const c of conditions) for (let i = 0; i < Math.min(50, perRound); i++) await c.run();
    await drained();
    const shadowRowsBefore = shadowRows;
    const skippedBefore = traffic.skipped;
    const rounds = 5;
    for (let r = 0; r < rounds; r++) {
      for (const c of r % 2 === 0 ? conditions : [...conditions].reverse()) {
        for (let i = 0; i < perRound; i++) {
          const t0 = process.hrtime.bigint();
          await c.run();
          c.times.push(Number(process.hrtime.bigint() - t0) / 1e3);
        }
        await drained();
      }
    }
    if (errors.length > 0) throw errors[0];
    const [without, shadow] = conditions.map((c) => percentilesUs(c.times));
    console.log(
      JSON.stringify({
        bench: 'serve',
        case: `in-process-${n}-row${n > 1 ? 's' : ''}-shadow`,
        rounds,
        requests_each: rounds * perRound,
        ours: `shadow challenger v${plan.served.version}`,
        ours_p50_us: round(shadow!.p50, 1),
        ours_p99_us: round(shadow!.p99, 1),
        peer: 'no challenger',
        peer_p50_us: round(without!.p50, 1),
        peer_p99_us: round(without!.p99, 1),
        ratio: round(shadow!.p50 / without!.p50),
        target_max_ratio: 1.2,
        p99_ratio: round(shadow!.p99 / without!.p99),
        shadow_rows: shadowRows - shadowRowsBefore,
        shadow_skipped: traffic.skipped - skippedBefore,
      }),
    );
  }
}

function percentilesUs(times: number[]): { p50: number; p99: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}
