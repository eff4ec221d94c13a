import { describe, expect, it } from 'vitest';
import { DataError } from '../../../src/ml/errors';
import { randomSplit, timeOrderedSplit } from '../../../src/ml/split/holdout';

describe('timeOrderedSplit', () => {
  it('holds out the latest rows and keeps equal times on one side', () => {
    const times = Float64Array.from([5, 1, 4, 4, 2, 3, 4, NaN, 1, 2]);
    const split = timeOrderedSplit(times, 0.3);
    expect([...split.holdout]).toEqual([0, 2, 3, 6]);
    expect([...split.train]).toEqual([1, 4, 5, 7, 8, 9]);
  });

  it('refuses a time column with a single time', () => {
    expect(() => timeOrderedSplit(Float64Array.from([3, 3, 3]), 0.2, 'dteday')).toThrow(
      'time column "dteday" has too few distinct times for a time-ordered holdout',
    );
  });

  it('refuses a time column with fewer than two known times', () => {
    expect(() => timeOrderedSplit(Float64Array.from([NaN, 1]), 0.2, 'ts')).toThrowError(DataError);
  });
});

describe('randomSplit', () => {
  it('is seeded, disjoint, complete and sized by the fraction', () => {
    const a = randomSplit(1000, 0.2, 7);
    expect(a.holdout).toHaveLength(200);
    expect(a.train).toHaveLength(800);
    expect(new Set([...a.train, ...a.holdout]).size).toBe(1000);
    expect(randomSplit(1000, 0.2, 7)).toEqual(a);
    expect(randomSplit(1000, 0.2, 8).holdout).not.toEqual(a.holdout);
  });

  it.each([
    [1, 0.2, 'at least 2 rows are needed to hold some out, got 1'],
    [10, 0, 'holdout fraction must be between 0 and 1, got 0'],
    [10, 1, 'holdout fraction must be between 0 and 1, got 1'],
  ])('refuses n=%i fraction=%f', (n, fraction, message) => {
    expect(() => randomSplit(n, fraction)).toThrow(message);
  });

  it('keeps at least one row on each side', () => {
    expect(randomSplit(2, 0.01).holdout).toHaveLength(1);
    expect(randomSplit(2, 0.99).train).toHaveLength(1);
  });
});
