// Accuracy benchmark: our served model against scikit-learn's HistGradientBoostingRegressor and
// XGBoost `hist` (Debian /usr/bin/python3, bench/train_peers.py), same rows, split and settings
// (our defaults), one JSON line per case with the test RMSE of each and the ratios.
// bike-q4 goes THROUGH THE SYSTEM: the rows up to 2012-09 dropped into the local runtime with the
// README's spec, wait for production, 2012-Q4 predicted over HTTP. The other cases are data sets
// python3-sklearn ships, trained in-process by the same fitDataset the train step runs, with a
// seeded 20% test split; `oursNoRefit` is the same with validation.refit false.
// Usage: npm run bench:accuracy
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { transformRecords } from '../src/ml/features/transform-records';
import { OnnxScorer } from '../src/ml/onnx';
import { startEmulators } from '../src/local/emulators';
import { LocalRuntime } from '../src/local/runtime';
import { createAdapters } from '../src/platform/adapters';
import { loadConfig } from '../src/platform/config';
import { parseModelSpec } from '../src/domain/spec/model-spec';
import { fitDataset } from '../src/pipeline/train/fit-dataset';
import { bostonCase, diabetesCase, SKLEARN_DATA, type AccuracyCase } from './accuracy-cases';
import { benchAppSettings, ROOT, shippedHostConfig } from './bench-app';
import { bikeCase, writeCase, type CaseData } from './train-cases';

const PYTHON = '/usr/bin/python3';
const BIKE = path.resolve(ROOT, '..', 'shared', 'data', 'bike-sharing', 'hour.csv');
const BIKE_SPEC = { target: 'cnt', timeColumn: 'dteday', exclude: ['instant', 'casual', 'registered'] };
type Rows = Record<string, string | number>[];

function rmse(predicted: ArrayLike<number>, rows: Rows, target: string): number {
  let sse = 0;
  for (let i = 0; i < rows.length; i++) sse += (predicted[i]! - Number(rows[i]![target])) ** 2;
  return Math.sqrt(sse / rows.length);
}

function peerRmse(data: CaseData, engine: 'sklearn' | 'xgboost'): number | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-accuracy-'));
  try {
    writeCase(dir, data);
    const out = execFileSync(PYTHON, [path.join(ROOT, 'bench', 'train_peers.py'), dir, engine], {
      encoding: 'utf8',
    });
    return (JSON.parse(out.trim().split('\n').pop() ?? '{}') as { rmse: number }).rmse;
  } catch (err) {
    process.stderr.write(`${engine} failed: ${(err as Error).message.split('\n')[0]}\n`);
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Trains as the train step does and scores the served ONNX model on the test rows. */
async function inProcessRmse(trainCsv: string, spec: object, test: Rows, target: string): Promise<number> {
  const fit = await fitDataset({
    content: Buffer.from(trainCsv),
    fileName: 'train.csv',
    spec: parseModelSpec(spec),
    limits: { maxRows: 10_000_000, maxBytes: 1 << 30 },
  });
  const scorer = await OnnxScorer.load(fit.onnx, {
    task: 'regression',
    nFeatures: fit.pipeline.featureNames.length,
  });
  try {
    return rmse((await scorer.score(transformRecords(fit.pipeline, test))).predictions, test, target);
  } finally {
    await scorer.release();
  }
}

/** Drops the train rows into the local runtime, waits for production, predicts the test rows over HTTP. */
async function throughSystemRmse(model: string, trainCsv: string, spec: object, test: Rows): Promise<number> {
  const emulators = await startEmulators({ ports: { blob: 0, queue: 0, cosmos: 0 } });
  const settings = benchAppSettings(emulators);
  const quiet = { info: () => {}, warn: () => {}, error: (line: string) => console.error(line) };
  const runtime = await LocalRuntime.start({
    entry: path.join(ROOT, 'dist/src/index.js'),
    settings,
    host: shippedHostConfig(),
    port: 0,
    logger: quiet,
  });
  try {
    const config = loadConfig(settings);
    const { blobs, registry } = createAdapters(config);
    await blobs.upload(config.containers.datasets, `${model}/model.json`, JSON.stringify(spec));
    await blobs.upload(config.containers.datasets, `${model}/train.csv`, trainCsv);
    const deadline = performance.now() + 300_000;
    while ((await registry.getAlias(model, 'production')) === undefined) {
      if (performance.now() > deadline) throw new Error(`${model}: no production version after 300 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const res = await fetch(`${runtime.url}/api/models/${model}/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-functions-key': settings.LOCAL_FUNCTION_KEY ?? '' },
      body: JSON.stringify({ rows: test }),
    });
    if (!res.ok) throw new Error(`predict answered ${res.status}`);
    return rmse(((await res.json()) as { predictions: number[] }).predictions, test, 'cnt');
  } finally {
    await runtime.stop();
    await emulators.stop();
  }
}

function bikeSplit(csv: string): { train: string; q4: Rows } {
  const lines = csv.trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const day = header.indexOf('dteday');
  const body = lines.slice(1);
  const train = [lines[0], ...body.filter((l) => l.split(',')[day]! < '2012-10-01')].join('\n') + '\n';
  const q4 = body
    .map((l) => l.split(','))
    .filter((c) => c[day]! >= '2012-10-01')
    .map((c) => Object.fromEntries(header.map((h, i) => [h, i === day ? c[i]! : Number(c[i])])));
  return { train, q4 };
}

function line(name: string, measured: string, ours: number, peers: CaseData, extra: object = {}): void {
  const sklearn = peerRmse(peers, 'sklearn');
  const xgboost = peerRmse(peers, 'xgboost');
  const r = (x: number): number => Number(x.toPrecision(5));
  console.log(
    JSON.stringify({
      case: name,
      measured,
      trainRows: peers.nTrain,
      testRows: peers.y.length - peers.nTrain,
      oursRmse: r(ours),
      ...extra,
      ...(sklearn === undefined ? {} : { sklearnRmse: r(sklearn), ratioVsSklearn: r(ours / sklearn) }),
      ...(xgboost === undefined ? {} : { xgboostRmse: r(xgboost), ratioVsXgboost: r(ours / xgboost) }),
    }),
  );
}

async function main(): Promise<void> {
  if (existsSync(BIKE)) {
    const { train, q4 } = bikeSplit(readFileSync(BIKE, 'utf8'));
    const ours = await throughSystemRmse('bike-q4', train, BIKE_SPEC, q4);
    const noRefit = await inProcessRmse(train, { ...BIKE_SPEC, validation: { refit: false } }, q4, 'cnt');
    line('bike-q4', 'drop, production, predict over HTTP', ours, bikeCase(BIKE), {
      oursNoRefit: Number(noRefit.toPrecision(5)),
    });
  } else console.log(JSON.stringify({ case: 'bike-q4', skipped: `missing ${path.relative(ROOT, BIKE)}` }));
  if (!existsSync(SKLEARN_DATA)) {
    console.log(JSON.stringify({ skipped: `missing ${SKLEARN_DATA} (apt-get install python3-sklearn)` }));
    return;
  }
  const cases: AccuracyCase[] = [diabetesCase(), bostonCase()];
  for (const c of cases) {
    const ours = await inProcessRmse(c.trainCsv, c.spec, c.test, c.spec.target);
    const noRefit = await inProcessRmse(
      c.trainCsv,
      { ...c.spec, validation: { refit: false } },
      c.test,
      c.spec.target,
    );
    line(c.name, 'in process (fitDataset, served ONNX)', ours, c.peers, {
      oursNoRefit: Number(noRefit.toPrecision(5)),
    });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
