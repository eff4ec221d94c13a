import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/ml/data/read-csv';
import { fitPipeline } from '../../../src/ml/features/fit-pipeline';
import { buildTrainingSet } from '../../../src/ml/features/transform-table';
import { BIKE_DATA, bikeDataPresent } from '../../support/bike-data';

describe.runIf(bikeDataPresent('the bike-sharing features test'))('bike-sharing features', () => {
  it('builds the training set for cnt, dteday as date parts (its constant hour left out)', async () => {
    const table = await readCsv(createReadStream(BIKE_DATA));
    const pipeline = fitPipeline(table, {
      target: 'cnt',
      task: 'regression',
      forModel: 'trees',
      exclude: ['instant', 'casual', 'registered'],
      timeColumn: 'dteday',
    });
    expect(pipeline.featureNames).toEqual([
      'dteday_weekday',
      'dteday_month',
      'dteday_dayofyear',
      'dteday_weekend',
      'season',
      'yr',
      'mnth',
      'hr',
      'holiday',
      'weekday',
      'workingday',
      'weathersit',
      'temp',
      'atemp',
      'hum',
      'windspeed',
    ]);
    expect(pipeline.dropped).toEqual([]);
    const set = buildTrainingSet(pipeline, table);
    expect(set.X.nRows).toBe(17_379);
    expect(set.y[0]).toBe(16);
    // The file's own weekday column uses the same convention (0 = Sunday) as the date parts.
    const weekday = set.X.columns[pipeline.featureNames.indexOf('weekday')];
    const derived = set.X.columns[pipeline.featureNames.indexOf('dteday_weekday')];
    expect(Array.from(derived)).toEqual(Array.from(weekday));
  });
});
