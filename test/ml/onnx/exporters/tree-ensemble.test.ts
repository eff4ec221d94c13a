import { describe, expect, test } from 'vitest';
import type { Task } from '../../../../src/ml/matrix';
import type { Tree, TreeEnsembleModel } from '../../../../src/ml/models/types';
import { exportOnnx } from '../../../../src/ml/onnx/export';
import { exportedScorers } from '../helpers/exported-scorer';
import { compareWithEngine, REL_TOL } from '../helpers/parity';
import { randomEnsemble, randomMatrix } from '../helpers/random-models';

const scorerFor = exportedScorers();

function leafTree(value: number, classIndex = 0): Tree {
  return {
    classIndex,
    feature: Int32Array.of(-1),
    threshold: Float32Array.of(0),
    left: Int32Array.of(-1),
    right: Int32Array.of(-1),
    missingLeft: Uint8Array.of(0),
    value: Float64Array.of(value),
  };
}

describe('tree ensemble export: ORT equals the engine on every row', () => {
  const cases: {
    name: string;
    task: Task;
    seed: number;
    rounds: number;
    depth: number;
    nClasses?: number;
    full?: boolean;
  }[] = [
    { name: 'regression, 20 random trees', task: 'regression', seed: 1, rounds: 20, depth: 4 },
    { name: 'binary, 20 random trees', task: 'binary', seed: 2, rounds: 20, depth: 4 },
    { name: 'multiclass (3), 20 rounds', task: 'multiclass', seed: 3, rounds: 20, depth: 4, nClasses: 3 },
    { name: 'multiclass (7), 10 rounds', task: 'multiclass', seed: 4, rounds: 10, depth: 5, nClasses: 7 },
    {
      name: 'regression, 100 full trees of depth 6',
      task: 'regression',
      seed: 5,
      rounds: 100,
      depth: 6,
      full: true,
    },
    { name: 'binary, 100 full trees of depth 6', task: 'binary', seed: 6, rounds: 100, depth: 6, full: true },
  ];
  test.each(cases)('$name', async ({ task, seed, rounds, depth, nClasses, full }) => {
    const model = randomEnsemble(seed, task, { nFeatures: 6, rounds, depth, nClasses, full });
    // A quarter of the values missing, so every node's NaN routing is exercised both ways.
    const m = randomMatrix(seed + 100, 2000, 6, 0.25);
    const scores = await (await scorerFor(model)).score(m);
    const report = compareWithEngine(model, m, scores);
    expect(report.labelMismatches).toBe(0);
    expect(report.maxRelError).toBeLessThan(REL_TOL);
  });

  test('missing values follow missingLeft both ways', async () => {
    // One split on feature 0 at 0.5: left leaf 1, right leaf 2; NaN goes left in tree 0, right in tree 1.
    const split = (missingLeft: number): Tree => ({
      classIndex: 0,
      feature: Int32Array.of(0, -1, -1),
      threshold: Float32Array.of(0.5, 0, 0),
      left: Int32Array.of(1, -1, -1),
      right: Int32Array.of(2, -1, -1),
      missingLeft: Uint8Array.of(missingLeft, 0, 0),
      value: Float64Array.of(0, 1, 2),
    });
    const model: TreeEnsembleModel = {
      kind: 'gbdt',
      task: 'regression',
      nFeatures: 1,
      nOutputs: 1,
      baseScore: [10],
      trees: [split(1), split(0)],
      featureImportance: [1],
    };
    const m = { nRows: 4, names: ['x'], columns: [Float32Array.of(NaN, 0.5, 0.50001, -3)] };
    const scores = await (await scorerFor(model)).score(m);
    // NaN: left (1) + right (2); 0.5 <= 0.5 goes left in both; 0.50001 goes right in both.
    expect(Array.from(scores.predictions)).toEqual([13, 12, 14, 12]);
  });

  test('leaf values are summed in double: 1e8 + 0.5 - 1e8 is 0.5, not 0 as in float32', async () => {
    const model: TreeEnsembleModel = {
      kind: 'gbdt',
      task: 'regression',
      nFeatures: 1,
      nOutputs: 1,
      baseScore: [0.25],
      trees: [leafTree(1e8 + 0.5), leafTree(-1e8)],
      featureImportance: [0],
    };
    const scores = await (
      await scorerFor(model)
    ).score({ nRows: 1, names: ['x'], columns: [Float32Array.of(1)] });
    expect(scores.predictions[0]).toBe(0.75);
  });

  test('binary probabilities keep relative precision at both ends', async () => {
    const model: TreeEnsembleModel = {
      kind: 'gbdt',
      task: 'binary',
      nFeatures: 1,
      nOutputs: 1,
      baseScore: [0],
      trees: [leafTree(25)],
      featureImportance: [0],
    };
    const scores = await (
      await scorerFor(model)
    ).score({ nRows: 1, names: ['x'], columns: [Float32Array.of(0)] });
    const p0 = 1 / (1 + Math.exp(25));
    expect(Math.abs((scores.probabilities?.[0] ?? 0) - p0) / p0).toBeLessThan(REL_TOL);
    expect(scores.probabilities?.[1]).toBe(1);
    expect(scores.predictions[0]).toBe(1);
  });
});

describe('tree ensemble export rejects malformed models', () => {
  const base = randomEnsemble(9, 'regression', { nFeatures: 3, rounds: 2, depth: 2, full: true });
  const withTree = (patch: Partial<Tree>): TreeEnsembleModel => ({
    ...base,
    trees: [{ ...base.trees[0], ...patch }],
  });
  test.each([
    {
      name: 'feature out of range',
      model: withTree({ feature: Int32Array.of(3, -1, -1, 0, -1, -1, -1) }),
      message: 'Cannot export the tree ensemble: tree 0 node 0 splits on feature 3 of 3',
    },
    {
      name: 'child out of range',
      model: withTree({ left: Int32Array.of(9, -1, -1, 4, -1, -1, -1) }),
      message: 'Cannot export the tree ensemble: tree 0 node 0 has child 9 of 7 nodes',
    },
    {
      name: 'NaN threshold',
      model: withTree({ threshold: Float32Array.of(NaN, 0, 0, 0, 0, 0, 0) }),
      message: 'Cannot export the tree ensemble: tree 0 node 0 has a NaN threshold',
    },
    {
      name: 'unequal arrays',
      model: withTree({ value: new Float64Array(3) }),
      message: 'Cannot export the tree ensemble: tree 0 has empty or unequal node arrays',
    },
    {
      name: 'class out of range',
      model: withTree({ classIndex: 1 }),
      message: 'Cannot export the tree ensemble: tree 0 adds to output 1, the model has 1',
    },
    {
      name: 'base score width',
      model: { ...base, baseScore: [0, 0] },
      message: 'Cannot export the tree ensemble: baseScore has 2 values for 1 outputs',
    },
    {
      name: 'no trees',
      model: { ...base, trees: [] },
      message: 'Cannot export the tree ensemble: the ensemble has no trees',
    },
  ])('$name', ({ model, message }) => {
    expect(() => exportOnnx(model)).toThrow(expect.objectContaining({ code: 'bad_model', message }));
  });
});
