// A semicolon-separated file with day-first dates (DD/MM/YYYY HH:MM) and decimal commas, end to
// end: it trains and reaches production, the version records the detected date form, and a
// prediction over HTTP reads the same form; an ambiguous date column fails the run saying how
// to set the form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTaxiDemand, type TaxiDemandRow } from '../../src/datagen/taxi-demand';
import { runIdFor } from '../../src/domain/ids';
import { call } from '../serving/registry-api/api-client';
import { startPipeline, type Pipeline } from '../support/runtime';
import { TAXI_SPEC } from '../support/taxi-data';

let p: Pipeline;
beforeAll(async () => {
  p = await startPipeline();
});
afterAll(() => p?.stop());

/** 2025-01-09 17:00:00 → 09/01/2025 17:00 */
const dayFirst = (iso: string): string =>
  `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
const comma = (n: number): string => String(n).replace('.', ',');

function semicolonCsv(rows: readonly TaxiDemandRow[]): string {
  const lines = rows.map((r) =>
    [
      dayFirst(r.pickup_hour),
      r.zone,
      r.weather,
      comma(r.temperature_c),
      comma(r.precipitation_mm),
      r.is_holiday,
      r.trips,
    ].join(';'),
  );
  return (
    ['pickup_hour;zone;weather;temperature_c;precipitation_mm;is_holiday;trips', ...lines].join('\r\n') +
    '\r\n'
  );
}

describe('a European CSV', () => {
  it('trains, records the date form, and serves a prediction given the same form', async () => {
    await p.drop('eu', 'model.json', JSON.stringify(TAXI_SPEC));
    const rows = [...generateTaxiDemand({ days: 14, zones: 3, seed: 5 })];
    const etag = await p.drop('eu', 'jan.csv', semicolonCsv(rows));
    const run = await p.finishedRun('eu', runIdFor('eu/jan.csv', etag), 120_000);
    expect(run).toMatchObject({ status: 'succeeded', version: 1, leftOut: [] });
    const v = (await p.adapters.registry.getVersion('eu', 1))!;
    expect(v.status).toBe('production');
    const inputs = (v.featureSchema as { inputs: { name: string; type: string; format?: string }[] }).inputs;
    expect(inputs.find((i) => i.name === 'pickup_hour')).toEqual({
      name: 'pickup_hour',
      type: 'datetime',
      format: 'DD/MM/YYYY',
    });
    expect(inputs.find((i) => i.name === 'temperature_c')?.type).toBe('numeric');

    const { trips: _trips, ...last } = rows[rows.length - 1]!;
    const asDayFirst = { ...last, pickup_hour: dayFirst(last.pickup_hour) };
    const a = await call(p, 'POST', '/models/eu/predict', { body: { rows: [asDayFirst, last] } });
    expect(a.status).toBe(200);
    const [fromDayFirst, fromIso] = a.json.predictions as number[];
    expect(fromDayFirst).toBe(fromIso);
    const bad = await call(p, 'POST', '/models/eu/predict', {
      body: { rows: [{ ...asDayFirst, pickup_hour: '01/31/2025 17:00' }] },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain(
      'Feature \\"pickup_hour\\" must be a date in DD/MM/YYYY form or ISO 8601, got \\"01/31/2025 17:00\\"',
    );
  });

  it('fails the run of an ambiguous date column, naming it and the spec setting', async () => {
    await p.drop('ambiguous', 'model.json', JSON.stringify({ ...TAXI_SPEC, validation: {} }));
    const data =
      'pickup_hour;zone;trips\n01/02/2025 00:00;Z01;4\n02/03/2025 01:00;Z01;5\n03/04/2025 02:00;Z02;6\n';
    const etag = await p.drop('ambiguous', 'a.csv', data);
    const run = await p.finishedRun('ambiguous', runIdFor('ambiguous/a.csv', etag));
    expect(run.status).toBe('failed');
    expect(run.error).toEqual({
      code: 'ambiguous_date',
      message:
        'Column "pickup_hour" holds dates such as "01/02/2025 00:00" that read both day-first (DD/MM/YYYY) and month-first (MM/DD/YYYY), and no day above 12 tells which: set the form in the model spec, e.g. "format": {"dateFormats": {"pickup_hour": "DD/MM/YYYY"}}',
    });
  });
});
