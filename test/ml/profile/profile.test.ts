import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/ml/data/read-csv';
import { fitPipeline } from '../../../src/ml/features/fit-pipeline';
import { profileCategorical, profileNumeric } from '../../../src/ml/profile/profile-column';
import { binCounts, midQuantiles, quantileCuts, quantileSorted } from '../../../src/ml/profile/quantiles';
import { buildTrainingProfile } from '../../../src/ml/profile/training-profile';

const oneToTen = Float64Array.from({ length: 10 }, (_, i) => i + 1);

describe('quantile bins', () => {
  it('interpolates quantiles linearly, as numpy does', () => {
    expect([0, 0.25, 0.5, 0.9, 1].map((p) => quantileSorted(oneToTen, p))).toEqual([1, 3.25, 5.5, 9.1, 10]);
    expect(midQuantiles(oneToTen, 4)).toEqual([2.125, 4.375, 6.625, 8.875]);
  });

  it('cuts at observed inner quantiles and counts values right-closed', () => {
    const cuts = quantileCuts(oneToTen, 4);
    expect(cuts).toEqual([3, 5, 7]);
    expect(binCounts(cuts, oneToTen)).toEqual([3, 2, 2, 3]);
    expect(binCounts(cuts, [-100, 3, 3.5, 100, NaN])).toEqual([2, 1, 0, 1]);
  });

  it('gives discrete and constant columns fewer, non-empty bins', () => {
    const binary = Float64Array.of(0, 0, 0, 0, 0, 0, 0, 1, 1, 1);
    expect(quantileCuts(binary, 10)).toEqual([0]);
    expect(binCounts([0], binary)).toEqual([7, 3]);
    expect(quantileCuts(Float64Array.of(5, 5, 5), 10)).toEqual([]);
  });
});

describe('column profiles', () => {
  it('profiles numbers with moments, quantiles and a histogram', () => {
    const p = profileNumeric([...oneToTen, NaN], { bins: 4, quantiles: 4 });
    expect(p).toEqual({
      type: 'numeric',
      count: 10,
      missing: 1,
      mean: 5.5,
      std: Math.sqrt(8.25),
      min: 1,
      max: 10,
      quantiles: [2.125, 4.375, 6.625, 8.875],
      cuts: [3, 5, 7],
      counts: [3, 2, 2, 3],
    });
    expect(profileNumeric([NaN]).count).toBe(0);
  });

  it('profiles labels with the top categories and the rest as other', () => {
    expect(profileCategorical(['b', 'a', 'b', null, 'c', 'b', 'a', 'd'], { maxCategories: 2 })).toEqual({
      type: 'categorical',
      count: 7,
      missing: 1,
      categories: [
        { value: 'b', count: 3 },
        { value: 'a', count: 2 },
      ],
      other: 2,
    });
  });
});

describe('buildTrainingProfile', () => {
  it('profiles the pipeline inputs (not datetimes) and the predicted classes, as JSON', async () => {
    const table = await readCsv(
      Buffer.from(
        'y,x,c,f,t\nno,1,a,true,2011-01-01\nyes,2,b,false,2011-01-02\nno,3,a,true,2011-01-03\nyes,NA,a,,2011-01-04\n',
      ),
    );
    const pipeline = fitPipeline(table, { target: 'y', task: 'binary', forModel: 'trees' });
    const profile = buildTrainingProfile(pipeline, table, {
      bins: 2,
      quantiles: 2,
      predictions: Int32Array.of(0, 1, 1, 1),
    });
    expect(Object.keys(profile.columns)).toEqual(['x', 'c', 'f']);
    // Datetimes only as the span trained on: a form's default stays inside it.
    expect(profile.timeRanges).toEqual({
      t: { min: '2011-01-01T00:00:00.000Z', max: '2011-01-04T00:00:00.000Z' },
    });
    expect(profile.rowCount).toBe(4);
    expect(profile.columns.x).toMatchObject({
      type: 'numeric',
      count: 3,
      missing: 1,
      cuts: [2],
      counts: [2, 1],
    });
    expect(profile.columns.f).toEqual({
      type: 'categorical',
      count: 3,
      missing: 1,
      categories: [
        { value: 'true', count: 2 },
        { value: 'false', count: 1 },
      ],
      other: 0,
    });
    expect(profile.prediction).toMatchObject({
      type: 'categorical',
      categories: [
        { value: 'yes', count: 3 },
        { value: 'no', count: 1 },
      ],
    });
    expect(JSON.parse(JSON.stringify(profile))).toEqual(profile);
  });
});
