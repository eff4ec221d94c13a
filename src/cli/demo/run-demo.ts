import { rmSync } from 'node:fs';
import path from 'node:path';
import { ApiClient, modelPath } from '../api-client';
import { uploadDataDrop } from '../commands/upload';
import { formatMetrics } from '../output/table';
import { predictBatches } from '../predict/predict-batches';
import { generateDemoData, inputsOf } from './demo-data';
import { startDemoRuntime, type DemoRuntime } from './demo-runtime';
import { DemoNarrator, sleep, type DemoStep } from './demo-steps';
import { runDriftCheck, waitForRetrainedVersion } from './drift-steps';

export interface DemoOptions {
  /** Stop after this step. */
  until?: DemoStep;
  /** At the end, keep the runtime serving (the dashboard) until Ctrl-C; otherwise stop it. */
  keep: boolean;
  write: (text: string) => void;
  /** A terminal for the upload's progress bar. */
  progress?: NodeJS.WriteStream;
}

const MODEL = 'taxi';

/**
 * The loop end to end on this machine: a runtime on free ports, generated taxi demand data
 * uploaded and trained, predictions, a drifted week with feedback, the drift check and the
 * retrained version. Says what it does at each step; returns once done (and the runtime stopped,
 * unless `keep`: then it returns the runtime to stop later).
 */
export async function runDemo(options: DemoOptions): Promise<DemoRuntime | undefined> {
  const n = new DemoNarrator(options.write);
  n.step(
    'runtime',
    'Starting the local runtime (Azurite, the Cosmos DB stand-in, the Functions app) on free ports',
  );
  const runtime = await startDemoRuntime();
  let keep = false;
  let succeeded = false;
  try {
    n.say(`app at ${runtime.url}; data and logs in ${runtime.dir} (${path.basename(runtime.logFile)})`);
    n.done();
    await steps(runtime, n, options);
    options.write('\n');
    n.say(`done in ${n.total()}`);
    if (options.keep) {
      n.say(`dashboard: ${runtime.url.replace('127.0.0.1', 'localhost')}/`);
      n.say(
        `keys (x-functions-key; from local.settings.json): predict ${runtime.keys.predict}, ` +
          `feedback ${runtime.keys.feedback}, operate ${runtime.keys.operate}, admin ${runtime.keys.admin}`,
      );
      n.say(`try: mlops versions ${MODEL} --url ${runtime.url}   (also: runs, drift, logs, predict)`);
    } else {
      // Its runtime and data are gone once this returns: point at what keeps one running.
      n.say('the demo runtime is stopped and its data removed; `npm start` runs one that stays');
    }
    keep = options.keep;
    succeeded = true;
    return keep ? runtime : undefined;
  } finally {
    if (!keep) await runtime.stop();
    // A failed demo keeps its folder: the runtime log says why.
    if (!keep && succeeded) rmSync(runtime.dir, { recursive: true, force: true });
    else if (!succeeded) options.write(`    the runtime log is ${runtime.logFile}\n`);
  }
}

async function steps(runtime: DemoRuntime, n: DemoNarrator, options: DemoOptions): Promise<void> {
  const stopAfter = (step: DemoStep): boolean => options.until === step;
  const client = new ApiClient({ url: runtime.url, keys: runtime.keys });

  n.step('generate', 'Generating hourly taxi demand by zone (weather, holidays, seasonality)');
  const data = generateDemoData(runtime.dir);
  n.say(
    `${data.trainRows} rows for 6 weeks and 4 zones in ${path.basename(data.trainFile)}, and a spec (target: trips)`,
  );
  n.done();
  if (stopAfter('generate')) return;

  n.step('upload', `Uploading spec and data to datasets/${MODEL}/: the upload starts a training run`);
  const uploaded = await uploadDataDrop(
    data.trainFile,
    {
      model: MODEL,
      spec: data.specFile,
      url: runtime.url,
      key: runtime.keys.predict,
      connectionString: runtime.storageConnectionString,
      container: runtime.datasetsContainer,
      intervalMs: 500,
      timeoutMs: 90_000,
      ...(options.progress && { progress: options.progress }),
    },
    n.say.bind(n),
  );
  n.done();
  if (stopAfter('upload')) return;

  n.step('production', 'Checking the production model (validation gates decide the promotion)');
  const summary = await client.get<{ production?: { version: number } }>(modelPath(MODEL));
  if (!summary.production)
    throw new Error(`${MODEL} version ${uploaded.version ?? '?'} was not promoted to production`);
  const first = summary.production.version;
  const version = await client.get<{ metrics: Record<string, unknown> }>(
    modelPath(MODEL, `/versions/${first}`),
  );
  n.say(`version ${first} is in production: ${formatMetrics(version.metrics)}`);
  n.done();
  if (stopAfter('production')) return;

  n.step(
    'predict',
    'Sending predictions: a normal day, then three drifted weeks (colder, snowy, busier) with feedback',
  );
  const normal = await predictBatches(client, MODEL, data.normalDay.map(inputsOf));
  n.say(
    `normal day: ${normal.predictions.length} predictions from version ${normal.version}, e.g. ${normal.predictions
      .slice(0, 3)
      .map((p) => Math.round(Number(p) * 10) / 10)
      .join(', ')} trips`,
  );
  const drifted = await predictBatches(client, MODEL, data.driftedWeeks.map(inputsOf), {
    limits: { rows: 500, bytes: 1 << 20 },
  });
  n.say(`drifted weeks: ${drifted.predictions.length} predictions`);
  const items = drifted.requests.map((r, i) => ({ ...r, actual: data.driftedWeeks[i]!.trips }));
  for (let i = 0; i < items.length; i += 1000) {
    await client.post(modelPath(MODEL, '/feedback'), { items: items.slice(i, i + 1000) }, { as: 'feedback' });
  }
  n.say(
    `feedback: the true trips of the ${items.length} drifted rows (POST ${modelPath(MODEL, '/feedback')})`,
  );
  n.done();
  if (stopAfter('predict')) return;

  n.step('drift', 'Running the drift check now (it otherwise runs on DRIFT_SCHEDULE)');
  // The prediction log flushes every second and a check reads blobs written before its start
  // (whole seconds): a short pause puts every logged row inside this check's window.
  n.say('letting the prediction log flush (2 s)');
  await sleep(2500);
  const check = await runDriftCheck(client, MODEL, n.say.bind(n));
  n.done();
  if (stopAfter('drift')) return;

  n.step('retrain', 'Waiting for the retrained version');
  if (!check) n.say('unavailable: no drift check, so no retrain to wait for');
  else if (!check.retrain?.sent)
    n.say(`no retrain was sent${check.retrain?.reason ? `: ${check.retrain.reason}` : ''}`);
  else await waitForRetrainedVersion(client, MODEL, first, n.say.bind(n));
  n.done();
}
