import { describe, expect, it } from 'vitest';
import { trainGbdt } from '../../../src/ml/gbdt/boosting';
import { Random } from '../../../src/ml/gbdt/random';
import { predict, predictRaw } from '../../../src/ml/models/predict';
import { matrixOf, uniformColumns } from './data';

describe('trainGbdt', () => {
  it('learns a step function exactly with one stump', () => {
    const x = Array.from({ length: 100 }, (_, i) => i);
    const y = x.map((v) => (v < 50 ? 1 : 5));
    const { model } = trainGbdt(
      { matrix: matrixOf(x), target: y, task: 'regression' },
      { nEstimators: 1, learningRate: 1, maxLeaves: 2, minSamplesLeaf: 1 },
    );
    expect(model.baseScore).toEqual([3]);
    const tree = model.trees[0];
    expect(Array.from(tree.feature)).toEqual([0, -1, -1]);
    expect(tree.threshold[0]).toBe(49.5);
    expect(Array.from(tree.value)).toEqual([0, -2, 2]);
    expect(Array.from(predict(model, matrixOf(x)))).toEqual(y);
  });

  it('fits a noiseless regression surface closely', () => {
    const [a, b] = uniformColumns(4000, 2, 1);
    const y = Array.from(a, (v, i) => 10 * v + (b[i] > 0.5 ? 3 : 0));
    const { model } = trainGbdt(
      { matrix: matrixOf(a, b), target: y, task: 'regression' },
      { nEstimators: 200 },
    );
    const p = predict(model, matrixOf(a, b));
    let sse = 0;
    p.forEach((v, i) => (sse += (v - y[i]) ** 2));
    expect(Math.sqrt(sse / y.length)).toBeLessThan(0.1);
    // The informative features carry all the gain; b's single step less than a's ramp.
    expect(model.featureImportance[0]).toBeGreaterThan(model.featureImportance[1]);
    expect(model.featureImportance[1]).toBeGreaterThan(0);
  });

  it('gives a pure-noise feature almost no importance', () => {
    const [a, noise] = uniformColumns(3000, 2, 2);
    const y = Array.from(a, (v) => (v > 0.3 ? 1 : 0));
    const { model } = trainGbdt(
      { matrix: matrixOf(a, noise), target: y, task: 'binary' },
      { nEstimators: 20 },
    );
    expect(model.featureImportance[1]).toBeLessThan(0.01 * model.featureImportance[0]);
  });

  it('separates binary classes with probabilities in (0, 1)', () => {
    const [a, b] = uniformColumns(2000, 2, 3);
    const y = Array.from(a, (v, i) => (v + b[i] > 1 ? 1 : 0));
    const { model } = trainGbdt({ matrix: matrixOf(a, b), target: y, task: 'binary' });
    const p = predict(model, matrixOf(a, b));
    let correct = 0;
    p.forEach((v, i) => {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThan(1);
      if ((v > 0.5 ? 1 : 0) === y[i]) correct++;
    });
    expect(correct / y.length).toBeGreaterThan(0.97);
  });

  it('grows one tree per class per iteration and softmax rows sum to 1', () => {
    const [a, b] = uniformColumns(1500, 2, 4);
    const y = Array.from(a, (v) => (v < 0.33 ? 0 : v < 0.66 ? 1 : 2));
    const { model } = trainGbdt(
      { matrix: matrixOf(a, b), target: y, task: 'multiclass' },
      { nEstimators: 30 },
    );
    expect(model.nOutputs).toBe(3);
    expect(model.trees).toHaveLength(90);
    expect(model.trees.map((t) => t.classIndex).slice(0, 6)).toEqual([0, 1, 2, 0, 1, 2]);
    const p = predict(model, matrixOf(a, b));
    let correct = 0;
    for (let r = 0; r < y.length; r++) {
      expect(p[3 * r] + p[3 * r + 1] + p[3 * r + 2]).toBeCloseTo(1, 12);
      const best =
        p[3 * r] > p[3 * r + 1] ? (p[3 * r] > p[3 * r + 2] ? 0 : 2) : p[3 * r + 1] > p[3 * r + 2] ? 1 : 2;
      if (best === y[r]) correct++;
    }
    expect(correct / y.length).toBeGreaterThan(0.97);
  });

  it('respects maxDepth and maxLeaves', () => {
    const cols = uniformColumns(5000, 3, 5);
    const y = Array.from(cols[0], (v, i) => Math.sin(10 * v) + cols[1][i] * cols[2][i]);
    const { model } = trainGbdt(
      { matrix: matrixOf(...cols), target: y, task: 'regression' },
      { nEstimators: 5, maxDepth: 3, maxLeaves: 31, minSamplesLeaf: 5 },
    );
    for (const tree of model.trees) {
      expect(tree.feature.filter((f) => f === -1).length).toBeLessThanOrEqual(8);
      expect(depth(tree.left, tree.right, 0)).toBeLessThanOrEqual(3);
    }
    const { model: wide } = trainGbdt(
      { matrix: matrixOf(...cols), target: y, task: 'regression' },
      { nEstimators: 5, maxDepth: 0, maxLeaves: 12, minSamplesLeaf: 5 },
    );
    for (const tree of wide.trees) expect(tree.feature.filter((f) => f === -1).length).toBe(12);
  });

  it('is deterministic for a seed, with row subsampling', () => {
    const cols = uniformColumns(3000, 3, 6);
    const rng = new Random(9);
    const y = Array.from(cols[0], (v) => v * 5 + rng.next());
    const fit = (seed: number): string =>
      JSON.stringify(
        trainGbdt(
          { matrix: matrixOf(...cols), target: y, task: 'regression' },
          { nEstimators: 10, subsample: 0.5, seed },
        ).model,
        (_, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v),
      );
    expect(fit(7)).toBe(fit(7));
    expect(fit(7)).not.toBe(fit(8));
  });

  it('stops early when the validation loss stops improving', () => {
    const cols = uniformColumns(2000, 2, 7);
    const rng = new Random(11);
    const y = Array.from(cols[0], () => rng.next());
    const result = trainGbdt(
      { matrix: matrixOf(...cols), target: y, task: 'regression' },
      { nEstimators: 500, earlyStopping: { validationFraction: 0.2, patience: 5 } },
    );
    expect(result.iterations).toBeLessThan(50);
    expect(result.model.trees).toHaveLength(result.iterations);
    expect(result.validationLoss).toHaveLength(result.iterations + 5);
    const best = Math.min(...result.validationLoss);
    expect(result.validationLoss[result.iterations - 1]).toBe(best);
  });

  it('reports each iteration to an observer, up to the early stop', () => {
    const cols = uniformColumns(2000, 2, 7);
    const rng = new Random(11);
    const y = Array.from(cols[0], () => rng.next());
    const seen: string[] = [];
    const result = trainGbdt(
      { matrix: matrixOf(...cols), target: y, task: 'regression' },
      { nEstimators: 500, earlyStopping: { validationFraction: 0.2, patience: 5 } },
      { onIteration: (done, planned) => seen.push(`${done}/${planned}`) },
    );
    const ran = result.validationLoss.length;
    expect(seen).toEqual(Array.from({ length: ran }, (_, i) => `${i + 1}/500`));
  });

  it('scores a matrix with raw margins for binary and the link applied in predict', () => {
    const [a] = uniformColumns(500, 1, 8);
    const y = Array.from(a, (v) => (v > 0.5 ? 1 : 0));
    const { model } = trainGbdt({ matrix: matrixOf(a), target: y, task: 'binary' }, { nEstimators: 5 });
    const raw = predictRaw(model, matrixOf(a));
    const prob = predict(model, matrixOf(a));
    raw.forEach((m, i) => expect(prob[i]).toBeCloseTo(1 / (1 + Math.exp(-m)), 14));
  });
});

function depth(left: Int32Array, right: Int32Array, node: number): number {
  if (left[node] < 0) return 0;
  return 1 + Math.max(depth(left, right, left[node]), depth(left, right, right[node]));
}
