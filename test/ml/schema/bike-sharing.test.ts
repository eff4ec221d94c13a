import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/ml/data/read-csv';
import { dataReport } from '../../../src/ml/schema/data-report';
import { inferSchema } from '../../../src/ml/schema/infer-schema';
import { BIKE_DATA, bikeDataPresent } from '../../support/bike-data';

describe.runIf(bikeDataPresent('the bike-sharing schema test'))('bike-sharing hour.csv', () => {
  it('reads 17,379 rows and infers its types and report', async () => {
    const table = await readCsv(createReadStream(BIKE_DATA));
    expect(table.rowCount).toBe(17_379);
    const schema = inferSchema(table);
    const byName = Object.fromEntries(schema.columns.map((c) => [c.name, c]));
    expect(schema.columns.map((c) => c.name)).toEqual([
      'instant',
      'dteday',
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
      'casual',
      'registered',
      'cnt',
    ]);
    expect(byName.dteday).toEqual({
      name: 'dteday',
      type: 'datetime',
      missing: 0,
      missingRate: 0,
      distinct: 731,
      min: '2011-01-01T00:00:00.000Z',
      max: '2012-12-31T00:00:00.000Z',
    });
    for (const name of ['instant', 'season', 'hr', 'temp', 'cnt']) expect(byName[name].type).toBe('numeric');
    expect(byName.cnt).toMatchObject({ min: 1, max: 977, missing: 0, distinct: 869 });
    expect(byName.hr).toMatchObject({ min: 0, max: 23, distinct: 24 });
    expect(byName.cnt.mean).toBeCloseTo(189.4631, 3);
    expect(dataReport(schema).warnings).toEqual([]);
  });
});
