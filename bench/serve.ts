// Serving benchmark, one invocation, on a 100-tree taxi demand model trained through the pipeline
// (local runtime; the emulators in a process of their own, as storage is remote in Azure). One
// JSON line per case, ours vs peer:
//  - in-process: the predict use case (body parse, validation, features, ONNX, log) for 1 and
//    10,000 rows vs raw session.run on the same input: overhead per 1-row request, rows/s ratio;
//  - HTTP: single-row POSTs through the local runtime vs a bare node:http server answering a
//    JSON body of the same size (autocannon, 32 connections, fixed duration): requests/s ratio,
//    p50/p99, errors, and rows logged == rows predicted;
//  - HTTP against an MLflow-style scoring server (bench/serve-vs-mlflow.ts): 1 row at 1 and 32
//    connections and 1,000-row batches, requests/s and p50/p99, ours / peer.
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
import { predict } from '../src/serving/predict/predict';
import { benchAppSettings, ROOT, shippedHostConfig } from './bench-app';
import { startEmulatorProcess } from './emulator-process';
import { autocannon, bareServer, medianUs } from './serve-peers';
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
  const settings = benchAppSettings(emulators.settings);
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
    const spec = { ...TAXI_DEMAND_SPEC, params: { nEstimators: 100, maxDepth: 6 } };
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
    await log.close();
    await session.release();
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
    await runtime.stop(); // appTerminate flushes the prediction log
    stopped = true;
    let logged = 0;
    for await (const blob of blobs.list(config.containers.predictionLogs, `${MODEL}/`)) {
      const { data } = await blobs.downloadToBuffer(config.containers.predictionLogs, blob.name);
      logged += data.toString('utf8').trim().split('\n').length;
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
