// Runs test/fixtures/byo/make_sklearn_onnx.py once per test file: a scikit-learn model written as
// ONNX with its sidecar and data. Needs Debian's python3-sklearn and python3-onnx (CI installs them).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SCRIPT = path.resolve(__dirname, '..', '..', 'fixtures', 'byo', 'make_sklearn_onnx.py');
// Debian's interpreter, where apt puts sklearn and onnx (another python3 may come first on PATH).
const PYTHON = '/usr/bin/python3';

export interface SklearnModel {
  dir: string;
  csv: Buffer;
  onnx: Buffer;
  sidecar: Record<string, unknown>;
  printed: { coefficients: number[]; intercept: number; rows: number[][]; predictions: number[]; r2: number };
}

/** Why the fixture cannot be built here, or undefined when it can. */
export function sklearnMissing(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import sklearn, onnx'], { encoding: 'utf8' });
  if (probe.status === 0) return undefined;
  return `${PYTHON} cannot import sklearn and onnx (apt-get install -y python3-sklearn python3-onnx)`;
}

/** Trains and exports the model into a fresh folder; the sidecar names `dataset`. */
export function makeSklearnModel(
  dataset: string,
  task: 'regression' | 'binary' = 'regression',
): SklearnModel {
  const dir = mkdtempSync(path.join(tmpdir(), 'byo-'));
  const args = [SCRIPT, '--out', dir, '--dataset', dataset, '--task', task];
  const run = spawnSync(PYTHON, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`make_sklearn_onnx.py failed: ${run.stderr}`);
  return {
    dir,
    csv: readFileSync(path.join(dir, 'taxi.csv')),
    onnx: readFileSync(path.join(dir, 'taxi.onnx')),
    sidecar: JSON.parse(readFileSync(path.join(dir, 'taxi.json'), 'utf8')) as Record<string, unknown>,
    printed: JSON.parse(run.stdout.trim()) as SklearnModel['printed'],
  };
}
