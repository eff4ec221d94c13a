import { describe, expect, it } from 'vitest';
import { binColumn, fitBinMapper, MISSING_BIN } from '../../../src/ml/gbdt/bin-mapper';
import { Random } from '../../../src/ml/gbdt/random';
import { uniformColumns } from './data';

describe('bin mapper', () => {
  it('makes one bin per distinct value when there are few, edges midway', () => {
    const col = Float32Array.from([3, 1, 2, 2, NaN, 1]);
    const { edges, nBins } = fitBinMapper([col], 255, new Random(1));
    expect(Array.from(edges[0])).toEqual([1.5, 2.5]);
    expect(nBins[0]).toBe(3);
    expect(Array.from(binColumn(col, edges[0]))).toEqual([2, 0, 1, 1, MISSING_BIN, 0]);
  });

  it('caps the bins at maxBins with quantile edges', () => {
    const [col] = uniformColumns(10_000, 1, 31);
    const { edges, nBins } = fitBinMapper([col], 16, new Random(1));
    expect(nBins[0]).toBe(16);
    const counts = new Array<number>(16).fill(0);
    binColumn(col, edges[0]).forEach((b) => counts[b]++);
    for (const c of counts) expect(c).toBeGreaterThan(500);
  });

  it('uses float32 edges so that x <= edge reproduces the bin split exactly', () => {
    // Adjacent float32 values: a float64 midpoint would fall between them and round either way.
    const a = Math.fround(0.1);
    const b = new Float32Array(
      new Uint32Array([new Uint32Array(new Float32Array([a]).buffer)[0] + 1]).buffer,
    )[0];
    const [noise] = uniformColumns(3000, 1, 32);
    const col = Float32Array.from([a, b, ...noise]);
    const { edges } = fitBinMapper([col], 255, new Random(1));
    const bins = binColumn(col, edges[0]);
    // Collected, then asserted once: 750k expect calls would take seconds.
    const notFloat32: number[] = [];
    const disagreeing: string[] = [];
    for (let e = 0; e < edges[0].length; e++) {
      if (edges[0][e] !== Math.fround(edges[0][e])) notFloat32.push(e);
      for (let i = 0; i < col.length; i++)
        if (col[i] <= edges[0][e] !== bins[i] <= e) disagreeing.push(`value ${i} (${col[i]}), edge ${e}`);
    }
    expect(notFloat32).toEqual([]);
    expect(disagreeing).toEqual([]);
  });

  it('gives a constant or all-missing column a single bin', () => {
    const { nBins } = fitBinMapper(
      [new Float32Array(10).fill(4), new Float32Array(10).fill(NaN)],
      255,
      new Random(1),
    );
    expect(Array.from(nBins)).toEqual([1, 1]);
  });
});

describe('binColumn', () => {
  it('agrees with a plain search over the edges for negative, zero, tiny and huge values', () => {
    const rng = new Random(41);
    const specials = [0, -0, 1e-30, -1e-30, 3e38, -3e38, Infinity, -Infinity, 1, -1, 0.5, -0.5];
    const values = Float32Array.from({ length: 20_000 }, (_, i) =>
      i < specials.length ? specials[i] : (rng.next() - 0.5) * 10 ** Math.floor(rng.next() * 12 - 6),
    );
    const { edges } = fitBinMapper([values], 255, new Random(1));
    const e = edges[0];
    const bins = binColumn(values, e);
    const disagreeing: string[] = [];
    values.forEach((x, i) => {
      let b = 0;
      while (b < e.length && !(x <= e[b])) b++;
      if (bins[i] !== b) disagreeing.push(`value ${i} (${x}): bin ${bins[i]}, search ${b}`);
    });
    expect(disagreeing).toEqual([]);
  });
});
