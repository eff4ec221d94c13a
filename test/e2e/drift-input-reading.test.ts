// Monitoring reads inputs the way serving does, through the local runtime: the same rows sent as
// numbers and as text predict alike and score alike in the drift check; NA tokens on most inputs
// make a data-quality verdict, never "no drift", and ask for no retrain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTaxiDemand, type TaxiDemandRow } from '../../src/datagen/taxi-demand';
import type { DriftHistoryItem } from '../../src/monitoring/drift/drift-record';
import { runIdFor } from '../../src/domain/ids';
import { startPipeline, type Pipeline } from '../support/runtime';
import { TAXI_SPEC, taxiCsv } from '../support/taxi-data';
import { waitFor } from '../support/wait';
import { call } from '../serving/registry-api/api-client';

let p: Pipeline;
beforeAll(async () => {
  p = await startPipeline();
  await p.drop('taxi', 'model.json', JSON.stringify({ ...TAXI_SPEC, monitoring: { minSamples: 100 } }));
  const etag = await p.drop('taxi', '2025-01.csv', taxiCsv());
  expect((await p.finishedRun('taxi', runIdFor('taxi/2025-01.csv', etag))).status).toBe('succeeded');
}, 120_000);
afterAll(() => p?.stop());

const inputsOf = ({ trips: _, ...inputs }: TaxiDemandRow): Record<string, unknown> => inputs;
// The inputs of the rows the model was fitted and profiled on (taxiCsv's 20 days less the last 20%
// that the time-ordered holdout keeps): a window that cannot have drifted.
const ROWS = [...generateTaxiDemand({ days: 20, zones: 4, seed: 7 })]
  .filter((r) => r.pickup_hour < '2025-01-17')
  .map(inputsOf);

const history = async (): Promise<DriftHistoryItem[]> => {
  const res = await call(p, 'GET', '/models/taxi/drift');
  expect(res.status).toBe(200);
  return (res.json as unknown as { items: DriftHistoryItem[] }).items;
};

async function logBlobs(): Promise<number> {
  let n = 0;
  for await (const _ of p.adapters.blobs.list(p.config.containers.predictionLogs, 'taxi/')) n++;
  return n;
}

/** Predicts `rows`, waits for their log blob and a fresh second, runs the monitor: the new report. */
async function predictAndCheck(
  rows: Record<string, unknown>[],
): Promise<{ predictions: unknown; report: DriftHistoryItem }> {
  const [blobsBefore, reportsBefore] = [await logBlobs(), (await history()).length];
  const answer = await call(p, 'POST', '/models/taxi/predict', { body: { rows } });
  expect(answer.status).toBe(200);
  await waitFor('the prediction log', async () => (await logBlobs()) > blobsBefore);
  await new Promise((r) => setTimeout(r, 1001 - (Date.now() % 1000))); // into the next second
  await p.runNow('monitorDrift');
  await waitFor('a new drift report', async () => (await history()).length > reportsBefore, 30_000);
  return { predictions: answer.json.predictions, report: (await history())[0]! };
}

describe('drift check input reading', () => {
  it('predicts and scores numeric and boolean text exactly as numbers and booleans', async () => {
    const asNumbers = await predictAndCheck(ROWS);
    const asText = await predictAndCheck(
      ROWS.map((r) => ({
        ...r,
        temperature_c: String(r.temperature_c),
        precipitation_mm: ` ${String(r.precipitation_mm)} `,
        is_holiday: r.is_holiday ? 'TRUE' : 'false',
      })),
    );
    expect(asText.predictions).toEqual(asNumbers.predictions);
    const a = asNumbers.report.report!;
    const b = asText.report.report!;
    expect(a.rows).toBe(ROWS.length);
    expect(b.rows).toBe(ROWS.length);
    // Version 1 answers both: no retrain replaced it in between.
    expect([asNumbers.report.version, asText.report.version]).toEqual([1, 1]);
    expect(a.verdict).toBe('no_drift');
    expect(b.verdict).toBe('no_drift');
    for (const name of ['zone', 'weather', 'temperature_c', 'precipitation_mm', 'is_holiday']) {
      expect(b.features[name]!.score, name).not.toBeNull();
      expect(b.features[name]!.score, name).toBe(a.features[name]!.score);
      expect(b.features[name]!.psi, name).toBe(a.features[name]!.psi);
      expect(b.quality[name], name).toEqual(a.quality[name]);
      expect(b.quality[name]).toMatchObject({
        count: ROWS.length,
        missing: 0,
        unreadable: 0,
        breached: false,
      });
    }
    expect(b.unmonitored).toEqual({
      pickup_hour: 'a datetime input: its values always move on, so it is not profiled',
    });
  });

  it('gives data_quality, not no_drift, when most inputs arrive as NA tokens, and asks no retrain', async () => {
    const { report } = await predictAndCheck(
      ROWS.map((r) => ({ ...r, temperature_c: 'n/a', precipitation_mm: 'NA', is_holiday: null })),
    );
    expect(report.status).toBe('data_quality');
    expect(report.retrain).toBeNull();
    expect(report.report!.qualityBreaches).toEqual(['temperature_c', 'precipitation_mm', 'is_holiday']);
    expect(report.report!.quality.temperature_c).toMatchObject({ missing: ROWS.length, missingRate: 1 });
    expect(report.report!.features.temperature_c).toMatchObject({ score: null, psi: null, drifted: false });
  });

  it('refuses at predict what the drift check would count unreadable, naming the field', async () => {
    const answer = await call(p, 'POST', '/models/taxi/predict', {
      body: { rows: [{ ...ROWS[0], temperature_c: 'ten' }] },
    });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.json.error)).toContain(
      'Feature \\"temperature_c\\" must be a number, got \\"ten\\"',
    );
  });
});
