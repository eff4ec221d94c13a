// Benchmark cases for bench/train.ts: rows written to a temp folder in the layout
// train_peers.py reads (case.json, x.bin column-major float32, y.bin float64; train rows first).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../src/ml/gbdt/random';

export interface CaseSettings {
  readonly nEstimators: number;
  readonly learningRate: number;
  readonly maxDepth: number;
  readonly maxLeaves: number;
  readonly minSamplesLeaf: number;
  readonly l2: number;
  readonly maxBins: number;
}

export interface CaseData {
  readonly name: string;
  readonly names: string[];
  readonly nTrain: number;
  readonly columns: Float32Array[];
  readonly y: Float64Array;
}

export const SETTINGS: CaseSettings = {
  nEstimators: 100,
  learningRate: 0.1,
  maxDepth: 6,
  maxLeaves: 31,
  minSamplesLeaf: 20,
  l2: 0,
  maxBins: 255,
};

/**
 * Friedman #1 on 10 uniform features (5 informative, 5 noise) plus N(0, 1) noise, with 1% of x3
 * missing so the missing-value path is timed too; the first 80% of rows train.
 */
export function syntheticCase(nRows: number, seed: number): CaseData {
  const rng = new Random(seed);
  const p = 10;
  const columns = Array.from({ length: p }, () => new Float32Array(nRows));
  const y = new Float64Array(nRows);
  for (let r = 0; r < nRows; r++) {
    for (let f = 0; f < p; f++) columns[f][r] = rng.next();
    const x = (f: number): number => columns[f][r];
    const noise = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    y[r] = 10 * Math.sin(Math.PI * x(0) * x(1)) + 20 * (x(2) - 0.5) ** 2 + 10 * x(3) + 5 * x(4) + noise;
    if (rng.next() < 0.01) columns[3][r] = NaN;
  }
  const names = columns.map((_, f) => `x${f}`);
  return { name: `synthetic-${nRows}x${p}`, names, nTrain: Math.floor(nRows * 0.8), columns, y };
}

/**
 * Bike sharing hourly counts: target cnt; instant, casual and registered dropped (ids and the
 * target's parts), dteday dropped after splitting on it (yr, mnth, hr, weekday carry the date).
 * Rows before 2012-10-01 train, the rest test; the file is in date order.
 */
export function bikeCase(csvPath: string): CaseData {
  const lines = readFileSync(csvPath, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const header = lines[0].split(',');
  const drop = new Set(['instant', 'dteday', 'casual', 'registered', 'cnt']);
  const keep = header.map((h, i) => ({ h, i })).filter(({ h }) => !drop.has(h));
  const dateAt = header.indexOf('dteday');
  const targetAt = header.indexOf('cnt');
  const rows = lines.slice(1).map((l) => l.split(','));
  const columns = keep.map(({ i }) => Float32Array.from(rows, (r) => Number(r[i])));
  const y = Float64Array.from(rows, (r) => Number(r[targetAt]));
  const nTrain = rows.findIndex((r) => r[dateAt] >= '2012-10-01');
  return { name: 'bike-sharing-hour', names: keep.map(({ h }) => h), nTrain, columns, y };
}

export function writeCase(dir: string, data: CaseData): void {
  const n = data.y.length;
  const meta = {
    nRows: n,
    nFeatures: data.columns.length,
    nTrain: data.nTrain,
    names: data.names,
    settings: SETTINGS,
  };
  writeFileSync(join(dir, 'case.json'), JSON.stringify(meta));
  const x = new Float32Array(n * data.columns.length);
  data.columns.forEach((c, f) => x.set(c, f * n));
  writeFileSync(join(dir, 'x.bin'), new Uint8Array(x.buffer));
  writeFileSync(join(dir, 'y.bin'), new Uint8Array(data.y.buffer));
}

export function readCase(dir: string): CaseData & { settings: CaseSettings } {
  const meta = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as {
    nRows: number;
    nTrain: number;
    names: string[];
    settings: CaseSettings;
  };
  const xb = readFileSync(join(dir, 'x.bin'));
  const x = new Float32Array(xb.buffer, xb.byteOffset, xb.byteLength / 4);
  const yb = readFileSync(join(dir, 'y.bin'));
  const y = new Float64Array(yb.buffer.slice(yb.byteOffset, yb.byteOffset + yb.byteLength));
  const n = meta.nRows;
  // Views when aligned (large reads get their own buffer), so the fit sees no extra copy.
  const columns = meta.names.map((_, f) =>
    xb.byteOffset % 4 === 0 ? x.subarray(f * n, (f + 1) * n) : x.slice(f * n, (f + 1) * n),
  );
  return { name: '', names: meta.names, nTrain: meta.nTrain, columns, y, settings: meta.settings };
}
