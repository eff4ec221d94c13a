import { describe, expect, it } from 'vitest';
import { fitBinMapper } from '../../../src/ml/gbdt/bin-mapper';
import { binMatrix } from '../../../src/ml/gbdt/bin-matrix';
import { DataPartition } from '../../../src/ml/gbdt/data-partition';
import { buildHistogram, FEATURE_STRIDE, subtractHistogram } from '../../../src/ml/gbdt/histogram';
import { BlockThreads } from '../../../src/ml/gbdt/parallel/block-threads';
import { sharedArray } from '../../../src/ml/gbdt/parallel/shared-array';
import { Random } from '../../../src/ml/gbdt/random';
import { trainGbdt } from '../../../src/ml/gbdt/boosting';
import { matrixOf, uniformColumns } from './data';

describe('histograms', () => {
  const n = 5000;
  const cols = uniformColumns(n, 3, 21);
  cols[1][7] = NaN;
  cols[1][8] = NaN;
  const mapper = fitBinMapper(cols, 255, new Random(1));
  const bins = binMatrix(cols, mapper, null);
  const rng = new Random(2);
  const grad = Float64Array.from({ length: n }, () => rng.next() - 0.5);
  const hess = Float64Array.from({ length: n }, () => rng.next());

  function build(partition: DataPartition, leaf: number): Float64Array {
    const hist = new Float64Array(3 * FEATURE_STRIDE);
    const begin = partition.begin[leaf];
    const end = begin + partition.count[leaf];
    buildHistogram(hist, bins, partition.indices, begin, end, grad, hess, false);
    return hist;
  }

  it('gives the larger child by subtraction what building it directly gives', () => {
    const partition = new DataPartition(n, 2);
    partition.reset(n, null);
    const parent = build(partition, 0);
    partition.split(0, 1, bins, 1, 100, true);
    const small = build(partition, 0);
    const large = build(partition, 1);
    subtractHistogram(parent, small);
    for (let s = 0; s < parent.length; s++) expect(parent[s]).toBeCloseTo(large[s], 10);
    // Counts are whole numbers and subtract exactly.
    for (let s = 2; s < parent.length; s += 3) expect(parent[s]).toBe(large[s]);
  });

  it('sums every row once per feature, missing rows in the missing bin', () => {
    const partition = new DataPartition(n, 1);
    partition.reset(n, null);
    const hist = build(partition, 0);
    for (let f = 0; f < 3; f++) {
      let count = 0;
      for (let b = 0; b < 256; b++) count += hist[f * FEATURE_STRIDE + b * 3 + 2];
      expect(count).toBe(n);
    }
    expect(hist[1 * FEATURE_STRIDE + 255 * 3 + 2]).toBe(2);
  });

  it.each([
    [3, false],
    [3, true],
    [40, false],
  ])('sums gradients and counts per bin like a plain loop (%i features, identity rows %s)', (p, identity) => {
    const rows = 3000;
    const c = uniformColumns(rows, p, 25);
    c[p - 1][5] = NaN;
    const b = binMatrix(c, fitBinMapper(c, 255, new Random(1)), null);
    const part = new DataPartition(rows, 2);
    part.reset(rows, null);
    if (!identity) part.split(0, 1, b, 0, 128, false);
    const g = Float64Array.from({ length: rows }, (_, i) => Math.sin(i));
    const h = new Float64Array(rows).fill(0.5);
    const begin = part.begin[0];
    const end = begin + part.count[0];
    const hist = new Float64Array(p * FEATURE_STRIDE);
    buildHistogram(hist, b, part.indices, begin, end, g, h, true, identity);
    const want = new Float64Array(p * FEATURE_STRIDE);
    for (let i = begin; i < end; i++) {
      const r = part.indices[i];
      for (let f = 0; f < p; f++) {
        const s = f * FEATURE_STRIDE + b.data[r * p + f] * 3;
        want[s] += g[r];
        want[s + 1] += 0.5;
        want[s + 2] += 1;
      }
    }
    for (let s = 0; s < want.length; s++) expect(hist[s]).toBeCloseTo(want[s], 9);
  });

  it('builds in row blocks on worker threads exactly what one thread builds, and what one pass sums', () => {
    const big = 120_000;
    const bigCols = uniformColumns(big, 4, 22);
    const m = fitBinMapper(bigCols, 255, new Random(1));
    const sharedBins = binMatrix(bigCols, m, null, (length) => sharedArray(Uint8Array, length));
    const partition = new DataPartition(big, 2, (length) => sharedArray(Uint32Array, length));
    partition.reset(big, null);
    partition.split(0, 1, sharedBins, 0, 60, false);
    const g = sharedArray(Float64Array, big);
    const h = sharedArray(Float64Array, big);
    for (let i = 0; i < big; i++) {
      g[i] = Math.sin(i);
      h[i] = 1 + Math.cos(i) ** 2;
    }
    const threaded = new BlockThreads(sharedBins, partition, [g], [h], false, 2);
    const single = new BlockThreads(sharedBins, partition, [g], [h], false, 1);
    try {
      for (const leaf of [0, 1]) {
        const begin = partition.begin[leaf];
        const end = begin + partition.count[leaf];
        const a = new Float64Array(4 * FEATURE_STRIDE);
        threaded.build(a, begin, end, g, h, false);
        const b = new Float64Array(4 * FEATURE_STRIDE);
        single.build(b, begin, end, g, h, false);
        expect(Array.from(a)).toEqual(Array.from(b));
        const c = new Float64Array(4 * FEATURE_STRIDE);
        buildHistogram(c, sharedBins, partition.indices, begin, end, g, h, false);
        for (let s = 0; s < c.length; s++) expect(a[s]).toBeCloseTo(c[s], 8);
        for (let s = 2; s < c.length; s += 3) expect(a[s]).toBe(c[s]);
      }
    } finally {
      threaded.close();
    }
  });

  it('trains the same model on 1 and 2 threads', () => {
    const big = 80_000;
    const c = uniformColumns(big, 4, 23);
    const y = Array.from(c[0], (v, i) => 3 * v + c[1][i] * c[2][i]);
    const fit = (nThreads: number) =>
      trainGbdt({ matrix: matrixOf(...c), target: y, task: 'regression' }, { nEstimators: 3, nThreads })
        .model;
    expect(fit(2)).toEqual(fit(1));
  });

  it('trains the same multiclass model on 1 and 2 threads (per-row hessians, one tree per class)', () => {
    const big = 60_000;
    const c = uniformColumns(big, 4, 24);
    const y = Array.from(c[0], (v, i) => (v + c[1][i] < 0.7 ? 0 : v > c[2][i] ? 1 : 2));
    const fit = (nThreads: number) =>
      trainGbdt({ matrix: matrixOf(...c), target: y, task: 'multiclass' }, { nEstimators: 2, nThreads })
        .model;
    const two = fit(2);
    expect(two.trees).toHaveLength(6);
    expect(two).toEqual(fit(1));
  });
});
