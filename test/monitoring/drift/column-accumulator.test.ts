import { describe, expect, it } from 'vitest';
import { profileCategorical, profileNumeric } from '../../../src/ml/profile/profile-column';
import { ColumnAccumulator, RESERVOIR_SIZE } from '../../../src/monitoring/drift/column-accumulator';

describe('ColumnAccumulator', () => {
  it('keeps counts on the profile bins and at most RESERVOIR_SIZE values', () => {
    const profile = profileNumeric(Float64Array.from({ length: 1000 }, (_, i) => i));
    const acc = new ColumnAccumulator(profile);
    for (let i = 0; i < 10_000; i++) acc.add(i % 1000);
    expect(acc.reservoir.length).toBe(RESERVOIR_SIZE);
    expect(acc.counts).toEqual(profile.counts.map((c) => c * 10));
    expect(acc.count).toBe(10_000);
  });

  it.each([
    [4, 7],
    [10, 7],
    [40, 1000], // more than 16 cuts: the binary search
  ])(
    'bins values as the profile does with %i bins over %i distinct values, values on the cuts included',
    (bins, distinct) => {
      // Values repeat: many land exactly on a cut.
      const values = Float64Array.from({ length: 5000 }, (_, i) => (i % distinct) + (i % 3 === 0 ? 0.5 : 0));
      const profile = profileNumeric(values, { bins });
      expect(profile.cuts.length).toBe(bins === 40 ? 39 : bins === 10 ? 9 : 3);
      const acc = new ColumnAccumulator(profile);
      for (const v of values) acc.add(v);
      expect(acc.counts).toEqual(profile.counts);
      acc.add(-1e9);
      acc.add(1e9);
      expect(acc.counts[0]).toBe(profile.counts[0]! + 1);
      expect(acc.counts.at(-1)).toBe(profile.counts.at(-1)! + 1);
      expect(acc.outOfRange).toBe(2);
    },
  );

  it('counts labels by category with unseen ones in the last bucket, booleans as text', () => {
    const acc = new ColumnAccumulator(profileCategorical(['true', 'false', 'true']));
    for (const v of [true, 'false', 'maybe', null, [1]]) acc.add(v);
    expect(acc.counts).toEqual([1, 1, 1]);
    expect(acc).toMatchObject({ count: 3, missing: 2, typeErrors: 1 });
  });
});
