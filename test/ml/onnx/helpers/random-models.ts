import type { FeatureMatrix, Task } from '../../../../src/ml/matrix';
import type { LinearModel, Tree, TreeEnsembleModel } from '../../../../src/ml/models/types';

/** Small seeded generator (mulberry32), so every run builds the same models and rows. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random tree of at most `depth` levels; each inner node's missing values go either way. */
export function randomTree(
  next: () => number,
  nFeatures: number,
  depth: number,
  classIndex: number,
  full = false,
): Tree {
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const missingLeft: number[] = [];
  const value: number[] = [];
  const grow = (level: number): number => {
    const id = feature.length;
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    missingLeft.push(0);
    value.push(0);
    if (level < depth && (full || level === 0 || next() < 0.8)) {
      feature[id] = Math.floor(next() * nFeatures);
      threshold[id] = Math.fround(next() * 4 - 2);
      missingLeft[id] = next() < 0.5 ? 1 : 0;
      left[id] = grow(level + 1);
      right[id] = grow(level + 1);
    } else {
      value[id] = (next() - 0.5) * 0.4;
    }
    return id;
  };
  grow(0);
  return {
    classIndex,
    feature: Int32Array.from(feature),
    threshold: Float32Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    missingLeft: Uint8Array.from(missingLeft),
    value: Float64Array.from(value),
  };
}

/** A random ensemble: `rounds` rounds of one tree per output, as boosting builds them. */
export function randomEnsemble(
  seed: number,
  task: Task,
  opts: { nFeatures: number; rounds: number; depth: number; nClasses?: number; full?: boolean },
): TreeEnsembleModel {
  const next = rng(seed);
  const nOutputs = task === 'multiclass' ? (opts.nClasses ?? 3) : 1;
  const trees: Tree[] = [];
  for (let r = 0; r < opts.rounds; r++) {
    for (let k = 0; k < nOutputs; k++) trees.push(randomTree(next, opts.nFeatures, opts.depth, k, opts.full));
  }
  const baseScore = Array.from({ length: nOutputs }, () => (next() - 0.5) * 2);
  return { kind: 'gbdt', task, nFeatures: opts.nFeatures, nOutputs, baseScore, trees, featureImportance: [] };
}

/** A random linear model with weights of mixed magnitude. */
export function randomLinear(seed: number, task: Task, nFeatures: number, nClasses = 3): LinearModel {
  const next = rng(seed);
  const nOutputs = task === 'multiclass' ? nClasses : 1;
  const weights = Array.from({ length: nOutputs }, () =>
    Array.from({ length: nFeatures }, () => (next() - 0.5) * 10 ** Math.floor(next() * 4 - 2)),
  );
  const intercepts = Array.from({ length: nOutputs }, () => next() * 2 - 1);
  return { kind: 'linear', task, nFeatures, nOutputs, weights, intercepts };
}

/** Random rows in [-2.5, 2.5] with a share of NaN (missing) values, column-major. */
export function randomMatrix(
  seed: number,
  nRows: number,
  nFeatures: number,
  missingRate = 0.1,
): FeatureMatrix {
  const next = rng(seed);
  const columns = Array.from({ length: nFeatures }, () => {
    const col = new Float32Array(nRows);
    for (let i = 0; i < nRows; i++) col[i] = next() < missingRate ? NaN : next() * 5 - 2.5;
    return col;
  });
  return { nRows, names: columns.map((_, j) => `f${j}`), columns };
}
