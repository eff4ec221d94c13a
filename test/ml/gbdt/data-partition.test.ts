import { describe, expect, it } from 'vitest';
import { fitBinMapper } from '../../../src/ml/gbdt/bin-mapper';
import { binMatrix } from '../../../src/ml/gbdt/bin-matrix';
import { DataPartition } from '../../../src/ml/gbdt/data-partition';
import { BlockThreads } from '../../../src/ml/gbdt/parallel/block-threads';
import { sharedArray } from '../../../src/ml/gbdt/parallel/shared-array';
import { Random } from '../../../src/ml/gbdt/random';
import { uniformColumns } from './data';

describe('data partition', () => {
  it('splits stably: left rows keep their order, then right rows, missing ones by the flag', () => {
    const cols = [Float32Array.from([0.5, NaN, 0.1, 0.9, 0.2, NaN, 0.7])];
    const bins = binMatrix(cols, fitBinMapper(cols, 255, new Random(1)), null);
    const p = new DataPartition(7, 3);
    p.reset(7, null);
    // Bins of the values 0.1 0.2 0.5 0.7 0.9 are 0..4: bin <= 1 goes left.
    expect(p.split(0, 1, bins, 0, 1, true)).toBe(4);
    expect(Array.from(p.indices)).toEqual([1, 2, 4, 5, 0, 3, 6]);
    expect(p.split(1, 2, bins, 0, 2, false)).toBe(1);
    expect([p.begin[1], p.count[1], p.begin[2], p.count[2]]).toEqual([4, 1, 5, 2]);
    expect(Array.from(p.indices.subarray(4))).toEqual([0, 3, 6]);
  });

  it('splits in row blocks on worker threads exactly as one pass does', () => {
    const n = 250_000;
    const cols = uniformColumns(n, 3, 31);
    for (let i = 0; i < n; i += 97) cols[2][i] = NaN;
    const mapper = fitBinMapper(cols, 255, new Random(1));
    const shared = binMatrix(cols, mapper, null, (length) => sharedArray(Uint8Array, length));
    const threaded = new DataPartition(n, 4, (length) => sharedArray(Uint32Array, length));
    const serial = new DataPartition(n, 4);
    const threads = new BlockThreads(shared, threaded, [], [], true, 2);
    try {
      expect(threaded.runner).toBe(threads);
      for (const p of [threaded, serial]) {
        p.reset(n, null);
        p.split(0, 1, shared, 0, 100, false);
        p.split(1, 2, shared, 2, 30, true);
        p.split(0, 3, shared, 1, 200, false);
      }
      expect(Array.from(threaded.indices)).toEqual(Array.from(serial.indices));
      expect(Array.from(threaded.begin)).toEqual(Array.from(serial.begin));
      expect(Array.from(threaded.count)).toEqual(Array.from(serial.count));
    } finally {
      threads.close();
    }
  });
});
