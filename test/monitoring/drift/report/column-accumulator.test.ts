import { describe, expect, it } from 'vitest';
import { profileCategorical, profileNumeric } from '../../../../src/ml/profile/profile-column';
import {
  ColumnAccumulator,
  RESERVOIR_SIZE,
} from '../../../../src/monitoring/drift/report/column-accumulator';

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

  it('counts labels by category with unseen ones in the last bucket', () => {
    const acc = new ColumnAccumulator(profileCategorical(['red', 'blue', 'red']), { type: 'categorical' });
    for (const v of ['blue', 'red', 'pink', 7, true, null, 'n/a', [1], { x: 1 }]) acc.add(v);
    // 7 and true are labels "7" and "true": unseen, in the last bucket with "pink".
    expect(acc.counts).toEqual([1, 1, 3]);
    expect(acc).toMatchObject({ count: 5, missing: 2, unreadable: 2 });
  });

  it('reads a boolean input as predict does: true/false in any case, 0/1, never other text', () => {
    const acc = new ColumnAccumulator(profileCategorical(['true', 'false', 'true']), { type: 'boolean' });
    for (const v of [true, 'FALSE', 1, 0, 'maybe', 2, null]) acc.add(v);
    expect(acc.profile.type === 'categorical' && acc.profile.categories.map((c) => c.value)).toEqual([
      'true',
      'false',
    ]);
    expect(acc.counts).toEqual([2, 2, 0]);
    expect(acc).toMatchObject({ count: 4, missing: 1, unreadable: 2 });
  });

  it('reads numeric strings as numbers and NA tokens as missing, like predict', () => {
    const profile = profileNumeric(Float64Array.from({ length: 100 }, (_, i) => i));
    const asNumbers = new ColumnAccumulator(profile, { type: 'numeric' });
    const asText = new ColumnAccumulator(profile, { type: 'numeric' });
    for (let i = 0; i < 100; i++) {
      asNumbers.add(i);
      asText.add(i % 2 === 0 ? String(i) : ` ${i} `);
    }
    for (const token of ['n/a', 'NA', 'NaN', 'null', '', null, undefined]) asText.add(token);
    for (const bad of ['ten', true, {}, [3]]) asText.add(bad);
    expect(asText.counts).toEqual(asNumbers.counts);
    expect(asText.reservoir).toEqual(asNumbers.reservoir);
    expect(asText).toMatchObject({ count: 100, missing: 7, unreadable: 4 });
  });

  it('describes the window on the profile bins: counts, moments and mid-quantiles', () => {
    const profile = profileNumeric(Float64Array.from({ length: 1000 }, (_, i) => i));
    const acc = new ColumnAccumulator(profile);
    for (let i = 0; i < 500; i++) acc.add(i);
    acc.add(null);
    const current = acc.current();
    if (current.type !== 'numeric') throw new Error('numeric expected');
    expect(current).toMatchObject({ count: 500, missing: 1, min: 0, max: 499, mean: 249.5 });
    expect(current.std).toBeCloseTo(144.3372, 3);
    expect(current.cuts).toEqual(profile.cuts);
    expect(current.counts).toEqual(acc.counts);
    expect(current.quantiles).toHaveLength(50);
    expect(current.quantiles[0]).toBeCloseTo(4.99, 2);
  });
});
