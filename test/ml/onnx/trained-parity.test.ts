import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readCsv } from '../../../src/ml/data';
import { trainGbdt } from '../../../src/ml/gbdt/boosting';
import { trainLogistic } from '../../../src/ml/linear/logistic';
import { trainRidge } from '../../../src/ml/linear/ridge';
import type { FeatureMatrix, Task } from '../../../src/ml/matrix';
import type { TrainedModel } from '../../../src/ml/models/types';
import { exportOnnx } from '../../../src/ml/onnx/export';
import { OnnxScorer } from '../../../src/ml/onnx/scorer';
import { BIKE_DATA, bikeDataPresent } from '../../support/bike-data';
import { compareWithEngine, REL_TOL } from './helpers/parity';
import { rng } from './helpers/random-models';

/** Exports, loads in ORT, scores the holdout and asserts parity with the engine on every row. */
async function expectParity(model: TrainedModel, holdout: FeatureMatrix): Promise<void> {
  const nClasses = model.task === 'multiclass' ? model.nOutputs : undefined;
  const scorer = await OnnxScorer.load(exportOnnx(model).bytes, {
    task: model.task,
    nFeatures: model.nFeatures,
    nClasses,
  });
  const report = compareWithEngine(model, holdout, await scorer.score(holdout));
  await scorer.release();
  expect(report.labelMismatches).toBe(0);
  expect(report.maxRelError).toBeLessThan(REL_TOL);
}

interface Split {
  train: FeatureMatrix;
  holdout: FeatureMatrix;
  /** Continuous target of the training rows. */
  y: Float64Array;
}

/** Rows [0, nTrain) train and the rest are the holdout. */
function split(names: string[], columns: Float32Array[], y: Float64Array, nTrain: number): Split {
  const n = y.length;
  return {
    train: { nRows: nTrain, names, columns: columns.map((c) => c.subarray(0, nTrain)) },
    holdout: { nRows: n - nTrain, names, columns: columns.map((c) => c.subarray(nTrain)) },
    y: y.subarray(0, nTrain),
  };
}

/** The target for a task: the value, above the median (binary), or its tertile (multiclass). */
function targetFor(task: Task, y: Float64Array): Float64Array {
  if (task === 'regression') return y;
  const sorted = Float64Array.from(y).sort();
  const cuts =
    task === 'binary'
      ? [sorted[sorted.length >> 1]]
      : [1, 2].map((q) => sorted[Math.floor((sorted.length * q) / 3)]);
  return y.map((v) => cuts.filter((c) => v > c).length);
}

/** Friedman #1 on 8 uniform features, optionally 10% of two features missing; the last 20% held out. */
function syntheticSplit(nRows: number, missing: boolean): Split {
  const next = rng(77);
  const columns = Array.from({ length: 8 }, () => new Float32Array(nRows));
  const y = new Float64Array(nRows);
  for (let r = 0; r < nRows; r++) {
    for (const c of columns) c[r] = next();
    const x = (f: number) => columns[f][r];
    y[r] = 10 * Math.sin(Math.PI * x(0) * x(1)) + 20 * (x(2) - 0.5) ** 2 + 10 * x(3) + 5 * x(4) + next();
    if (missing && next() < 0.1) columns[1][r] = NaN;
    if (missing && next() < 0.1) columns[3][r] = NaN;
  }
  return split(
    columns.map((_, f) => `x${f}`),
    columns,
    y,
    Math.floor(nRows * 0.8),
  );
}

const TASKS: Task[] = ['regression', 'binary', 'multiclass'];

describe('trained gradient-boosted trees: ORT equals the engine on every holdout row', () => {
  const data = syntheticSplit(5000, true);
  test.each(TASKS)('synthetic, %s', async (task) => {
    const { model } = trainGbdt(
      { matrix: data.train, target: targetFor(task, data.y), task },
      { nEstimators: 60, maxDepth: 6 },
    );
    await expectParity(model, data.holdout);
  });
});

/** Ridge for regression, L2 logistic regression for classifiers, with their default settings. */
function trainLinear(train: FeatureMatrix, target: Float64Array, task: Task): TrainedModel {
  const input = { matrix: train, target, task };
  return task === 'regression' ? trainRidge(input) : trainLogistic(input);
}

describe('trained linear models: ORT equals the engine on every holdout row', () => {
  const data = syntheticSplit(5000, false);
  test.each(TASKS)('synthetic, %s', async (task) => {
    await expectParity(trainLinear(data.train, targetFor(task, data.y), task), data.holdout);
  });
});

const bikePresent = bikeDataPresent('the bike-sharing ONNX parity tests');

/** Numeric columns but ids, date and the target's parts; train before 2012-10-01 as the issue says. */
async function bikeSplit(): Promise<Split> {
  const table = await readCsv(readFileSync(BIKE_DATA));
  const col = (name: string) => table.columns.find((c) => c.name === name);
  const drop = new Set(['instant', 'dteday', 'casual', 'registered', 'cnt']);
  const kept = table.columns.filter((c) => !drop.has(c.name));
  const dates = col('dteday');
  const firstHoldout = Array.from(dates?.codes ?? [], (code) => dates?.dictionary[code] ?? '').findIndex(
    (d) => d >= '2012-10-01',
  );
  return split(
    kept.map((c) => c.name),
    kept.map((c) => Float32Array.from(c.numbers ?? [])),
    Float64Array.from(col('cnt')?.numbers ?? []),
    firstHoldout,
  );
}

let bike: Promise<Split> | undefined;
const bikeData = (): Promise<Split> => (bike ??= bikeSplit());

describe.runIf(bikePresent)('bike sharing', () => {
  test.each(TASKS)('linear, %s', async (task) => {
    const data = await bikeData();
    await expectParity(trainLinear(data.train, targetFor(task, data.y), task), data.holdout);
  });

  test.each(TASKS)('100 trees of depth 6, %s', async (task) => {
    const data = await bikeData();
    expect(data.holdout.nRows).toBeGreaterThan(1000);
    const { model } = trainGbdt(
      { matrix: data.train, target: targetFor(task, data.y), task },
      { nEstimators: task === 'multiclass' ? 40 : 100, maxDepth: 6 },
    );
    await expectParity(model, data.holdout);
  });
});
