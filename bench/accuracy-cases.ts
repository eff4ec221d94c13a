// Real data sets for bench/accuracy.ts that ship with a Debian package (no download at run time):
// scikit-learn's bundled regression data in python3-sklearn. Each case is raw CSV text of its
// train rows, the test rows as records, and the same rows in train_peers.py's layout.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { seededRandom } from '../src/ml/random';
import type { CaseData } from './train-cases';

/** Where python3-sklearn puts its bundled data sets. */
export const SKLEARN_DATA = '/usr/lib/python3/dist-packages/sklearn/datasets/data';

export interface AccuracyCase {
  readonly name: string;
  readonly spec: { readonly target: string };
  readonly trainCsv: string;
  readonly test: Record<string, number>[];
  /** Train rows then test rows, all columns but the target as features. */
  readonly peers: CaseData;
}

/** Diabetes (Efron et al. 2004): 442 patients, 10 baseline variables, disease progression. */
export function diabetesCase(): AccuracyCase {
  const read = (file: string): string[] =>
    gunzipSync(readFileSync(`${SKLEARN_DATA}/${file}`))
      .toString('utf8')
      .trim()
      .split(/\r?\n/);
  const x = read('diabetes_data_raw.csv.gz').map((l) => l.trim().split(/\s+/).map(Number));
  const y = read('diabetes_target.csv.gz').map(Number);
  const names = ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6'];
  return splitCase('diabetes', names, x, y, 'progression');
}

/** Boston house prices (Harrison and Rubinfeld 1978): 506 tracts, 13 variables, median value. */
export function bostonCase(): AccuracyCase {
  const lines = readFileSync(`${SKLEARN_DATA}/boston_house_prices.csv`, 'utf8').trim().split(/\r?\n/);
  const header = lines[1]!.split(',').map((h) => h.replace(/"/g, ''));
  const rows = lines.slice(2).map((l) => l.split(',').map(Number));
  const names = header.slice(0, -1);
  return splitCase(
    'boston',
    names,
    rows.map((r) => r.slice(0, -1)),
    rows.map((r) => r.at(-1)!),
    'MEDV',
  );
}

/** A seeded 20% test split (seed 0), the same rows for every engine. */
function splitCase(name: string, names: string[], x: number[][], y: number[], target: string): AccuracyCase {
  const random = seededRandom(0);
  const order = x.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const nTest = Math.round(order.length * 0.2);
  const trainIdx = order.slice(nTest).sort((a, b) => a - b);
  const testIdx = order.slice(0, nTest).sort((a, b) => a - b);
  const record = (i: number): Record<string, number> => ({
    ...Object.fromEntries(names.map((n, f) => [n, x[i]![f]!])),
    [target]: y[i]!,
  });
  const header = [...names, target].join(',');
  const trainCsv = [header, ...trainIdx.map((i) => [...x[i]!, y[i]!].join(','))].join('\n') + '\n';
  const all = [...trainIdx, ...testIdx];
  const peers: CaseData = {
    name,
    names,
    nTrain: trainIdx.length,
    columns: names.map((_, f) => Float32Array.from(all, (i) => x[i]![f]!)),
    y: Float64Array.from(all, (i) => y[i]!),
  };
  return { name, spec: { target }, trainCsv, test: testIdx.map(record), peers };
}
