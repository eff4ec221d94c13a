// Training benchmark: our gradient boosting against scikit-learn's HistGradientBoostingRegressor
// and XGBoost `hist` (Debian /usr/bin/python3), same rows, split and settings, one JSON line per
// case and engine. Each engine fits in its own process so peak RSS is its own.
// Usage: npm run bench:train [-- --rows 1000000 --threads 0 --peers sklearn,xgboost --peer-threads 0]
// (--threads: our nThreads, 0 = automatic; --peers: which peers to run, comma-separated;
// --peer-threads: OMP_NUM_THREADS for the peers, 0 = their default of every core. With
// `--threads 1 --peer-threads 1` every engine runs on one core: the comparison that others'
// load on the shared cores distorts least, since OpenMP threads that wait for a descheduled
// sibling spin, and measured up to 14x slower there at load average 4.8.)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { trainGbdt } from '../src/ml/gbdt/boosting';
import type { FeatureMatrix } from '../src/ml/matrix';
import { predict } from '../src/ml/models/predict';
import { bikeCase, readCase, syntheticCase, writeCase, type CaseData } from './train-cases';

const ROOT = resolve(__dirname, '..', '..');
const PYTHON = '/usr/bin/python3';

interface FitResult {
  fitSeconds: number;
  /** CPU time of the fit over all threads: less sensitive than wall time to others' load. */
  fitCpuSeconds: number;
  peakRssMb: number;
  rmse: number;
  score1RowMs?: number;
  score10kRowsMs?: number;
}

function matrixOf(columns: Float32Array[], names: string[], from: number, to: number): FeatureMatrix {
  return { nRows: to - from, names, columns: columns.map((c) => c.subarray(from, to)) };
}

/** Child mode: fit ours on the case's train rows, score the test rows, print one JSON object. */
function fitOurs(dir: string, nThreads: number): void {
  const data = readCase(dir);
  const n = data.y.length;
  const train = matrixOf(data.columns, data.names, 0, data.nTrain);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const { model } = trainGbdt(
    { matrix: train, target: data.y.subarray(0, data.nTrain), task: 'regression' },
    { ...data.settings, nThreads },
  );
  const fitSeconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const pred = predict(model, matrixOf(data.columns, data.names, data.nTrain, n));
  let sse = 0;
  for (let i = 0; i < pred.length; i++) sse += (pred[i] - data.y[data.nTrain + i]) ** 2;
  const result: FitResult = {
    fitSeconds,
    fitCpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMb,
    rmse: Math.sqrt(sse / pred.length),
    score1RowMs: scoreMs(model, data, 1, 2000),
    score10kRowsMs: scoreMs(model, data, Math.min(10_000, n - data.nTrain), 20),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

function scoreMs(model: Parameters<typeof predict>[0], data: CaseData, rows: number, reps: number): number {
  const m = matrixOf(data.columns, data.names, data.nTrain, data.nTrain + rows);
  for (let i = 0; i < 10; i++) predict(model, m);
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    predict(model, m);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(reps / 2)];
}

function runChild(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): FitResult {
  const out = execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 20, env });
  return JSON.parse(out.trim().split('\n').pop() ?? '') as FitResult;
}

/** The peers' environment: OpenMP limited to n threads when n > 0. */
function peerEnv(n: number): NodeJS.ProcessEnv {
  return n > 0 ? { ...process.env, OMP_NUM_THREADS: String(n) } : process.env;
}

function peersAvailable(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import sklearn, xgboost'], { stdio: 'pipe' });
    return true;
  } catch {
    process.stderr.write(
      `peers missing: ${PYTHON} cannot import sklearn and xgboost; ` +
        'install them with `apt-get install -y python3-sklearn python3-xgboost`. Reporting ours alone.\n',
    );
    return false;
  }
}

function round(x: number, digits = 4): number {
  return Number(x.toPrecision(digits));
}

function runCase(data: CaseData, peerNames: string[], nThreads: number, peerThreads: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'bench-train-'));
  try {
    writeCase(dir, data);
    const rows = { rows: data.y.length, trainRows: data.nTrain, features: data.columns.length };
    const ours = runChild(process.execPath, [__filename, '--fit', dir, String(nThreads)]);
    const peers = peerNames.map((p) => ({
      engine: p,
      r: runChild(PYTHON, [join(ROOT, 'bench', 'train_peers.py'), dir, p], peerEnv(peerThreads)),
    }));
    const sk = peers.find((p) => p.engine === 'sklearn')?.r;
    const ratios = (peer: FitResult | undefined): Record<string, number> =>
      peer
        ? {
            fitRatioVsSklearn: round(ours.fitSeconds / peer.fitSeconds),
            cpuRatioVsSklearn: round(ours.fitCpuSeconds / peer.fitCpuSeconds),
            rmseRatioVsSklearn: round(ours.rmse / peer.rmse),
            rssRatioVsSklearn: round(ours.peakRssMb / peer.peakRssMb),
          }
        : {};
    const line = (engine: string, r: FitResult, extra: Record<string, number>): string =>
      JSON.stringify({
        bench: 'train',
        case: data.name,
        engine,
        ...rows,
        // Others' processes share the cores: the 1-minute load average says how busy they were.
        loadAvg1m: round(loadavg()[0], 3),
        threads: engine === 'ours' ? nThreads : peerThreads,
        fitSeconds: round(r.fitSeconds),
        fitCpuSeconds: round(r.fitCpuSeconds),
        peakRssMb: round(r.peakRssMb),
        rmse: round(r.rmse, 6),
        ...(r.score1RowMs !== undefined
          ? { score1RowMs: round(r.score1RowMs), score10kRowsMs: round(r.score10kRowsMs ?? 0) }
          : {}),
        ...extra,
      });
    console.log(line('ours', ours, ratios(sk)));
    for (const p of peers) {
      // Ratios on peer lines are ours / that peer.
      console.log(
        line(p.engine, p.r, {
          oursFitRatio: round(ours.fitSeconds / p.r.fitSeconds),
          oursCpuRatio: round(ours.fitCpuSeconds / p.r.fitCpuSeconds),
          oursRmseRatio: round(ours.rmse / p.r.rmse),
          oursRssRatio: round(ours.peakRssMb / p.r.peakRssMb),
        }),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === '--fit') return fitOurs(args[1], Number(args[2]));
  const option = (name: string, fallback: string): string =>
    args.includes(name) ? args[args.indexOf(name) + 1] : fallback;
  const nRows = Number(option('--rows', '1000000'));
  const nThreads = Number(option('--threads', '0'));
  const peerThreads = Number(option('--peer-threads', '0'));
  const peers = peersAvailable() ? option('--peers', 'sklearn,xgboost').split(',').filter(Boolean) : [];
  runCase(syntheticCase(nRows, 20260101), peers, nThreads, peerThreads);
  const bike = join(ROOT, '..', 'shared', 'data', 'bike-sharing', 'hour.csv');
  if (existsSync(bike)) runCase(bikeCase(bike), peers, nThreads, peerThreads);
  else process.stderr.write(`bike-sharing case skipped: ${bike} not found\n`);
}

main();
