// The loop closed on real data, through the local runtime: a bike sharing model trained on 2011
// only, then 2012 traffic (demand grew) replayed through predict with its true counts as
// feedback. The drift monitor must flag drift (a top input drifted), see the live error breach,
// ask for one retrain, and the retrained version (2011 plus the labelled 2012 rows) is promoted
// only if it beats the old one on its holdout. A stable period (2011 rows against the 2011 model) asks for nothing.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureImportance } from '../../src/domain/model-version';
import type { DriftHistoryItem } from '../../src/monitoring/drift/drift-record';
import { seededRandom } from '../../src/ml/random';
import { runIdFor } from '../../src/domain/ids';
import { BIKE_DATA, BIKE_SPEC, bikeDataPresent } from '../support/bike-data';
import { startPipeline, type Pipeline } from '../support/runtime';
import { waitFor } from '../support/wait';
import { call, FEEDBACK_KEY } from '../serving/registry-api/api-client';

const present = bikeDataPresent('the bike sharing drift test');

const NOT_INPUTS = new Set(['instant', 'casual', 'registered', 'cnt']);
type Row = Record<string, string | number>;

/** hour.csv split by year: 2011 to mid-October as a drop, every row as request inputs plus its count. */
function bikeData(): { header: string; lines2011: string[]; rows2011: Row[]; rows2012: Row[] } {
  const [header, ...lines] = readFileSync(BIKE_DATA, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  const names = header!.split(',');
  const parse = (line: string): Row =>
    Object.fromEntries(line.split(',').map((v, i) => [names[i]!, names[i] === 'dteday' ? v : Number(v)]));
  // Up to mid-October: the served model, refit on all of its drop, has seen no late autumn or winter.
  const lines2011 = lines.filter(
    (l) => l.split(',')[1]!.startsWith('2011') && l.split(',')[1]! < '2011-10-15',
  );
  const lines2012 = lines.filter((l) => l.split(',')[1]!.startsWith('2012'));
  return { header: header!, lines2011, rows2011: lines2011.map(parse), rows2012: lines2012.map(parse) };
}

const inputsOf = (row: Row): Row =>
  Object.fromEntries(Object.entries(row).filter(([k]) => !NOT_INPUTS.has(k)));

let p: Pipeline;
let data: ReturnType<typeof bikeData>;

beforeAll(async () => {
  if (!present) return;
  p = await startPipeline();
  data = bikeData();
  for (const model of ['bikes', 'bikes-stable']) {
    await p.drop(model, 'model.json', JSON.stringify(BIKE_SPEC));
    const etag = await p.drop(model, '2011.csv', `${data.header}\n${data.lines2011.join('\n')}\n`);
    const run = await p.finishedRun(model, runIdFor(`${model}/2011.csv`, etag), 240_000);
    expect(run.status).toBe('succeeded');
  }
}, 300_000);
afterAll(() => p?.stop());

/** Predicts the rows in requests of 1000 and posts their true counts as feedback. */
async function replay(model: string, rows: readonly Row[]): Promise<void> {
  for (let at = 0; at < rows.length; at += 1000) {
    const batch = rows.slice(at, at + 1000);
    const answer = await call(p, 'POST', `/models/${model}/predict`, { body: { rows: batch.map(inputsOf) } });
    expect(answer.status).toBe(200);
    const requestId = answer.json.requestId as string;
    const items = batch.map((r, row) => ({ requestId, row, actual: r.cnt }));
    expect(
      (await call(p, 'POST', `/models/${model}/feedback`, { key: FEEDBACK_KEY, body: { items } })).status,
    ).toBe(200);
  }
}

async function runMonitor(): Promise<void> {
  const before = p.invocations.filter((i) => i.functionName === 'checkModelDrift').length;
  await new Promise((r) => setTimeout(r, 1001 - (Date.now() % 1000))); // logs land in an earlier second
  await p.runNow('monitorDrift');
  // One check per model in production.
  await waitFor(
    'the drift checks',
    () => p.invocations.filter((i) => i.functionName === 'checkModelDrift').length >= before + 2,
    60_000,
  );
}

async function reports(model: string): Promise<DriftHistoryItem[]> {
  const res = await call(p, 'GET', `/models/${model}/drift`);
  expect(res.status).toBe(200);
  return (res.json as unknown as { items: DriftHistoryItem[] }).items;
}

async function logsWritten(model: string, rows: number): Promise<void> {
  await waitFor(
    `the prediction log of ${model}`,
    async () => {
      let lines = 0;
      for await (const blob of p.adapters.blobs.list(p.config.containers.predictionLogs, `${model}/`)) {
        const { data: bytes } = await p.adapters.blobs.downloadToBuffer(
          p.config.containers.predictionLogs,
          blob.name,
        );
        lines += bytes.toString('utf8').trim().split('\n').length;
      }
      return lines >= rows;
    },
    30_000,
  );
}

describe.skipIf(!present)('bike sharing: 2011 model, 2012 traffic', () => {
  it('flags the drift and the live error, asks for one retrain, and retrains on the larger window', async () => {
    // The 2012 traffic: every other hour of the year (4367 rows), with its true counts.
    const traffic = data.rows2012.filter((_, i) => i % 2 === 0);
    // The stable period: a seeded random quarter of the hours the model was trained on. Not every fourth row: that picks the hours
    // in a mod-4 pattern, and hour is the model's most important input.
    const draw = seededRandom(2011);
    const stable = data.rows2011.filter(() => draw() < 0.25);
    await replay('bikes', traffic);
    await replay('bikes-stable', stable);
    await logsWritten('bikes', traffic.length);
    await logsWritten('bikes-stable', stable.length);
    await runMonitor();

    const [report] = await reports('bikes');
    expect(report).toMatchObject({ version: 1, rows: traffic.length });
    // The training rows (January to mid-October 2011, all of them served with the refit) against a whole year: the seasonal and
    // weather inputs drift (5 of the 11 measured: just under the half that makes the dataset
    // drift on its own), and demand grew, which only the live error shows: RMSE about 130
    // against 58.
    const drifted = Object.entries(report!.report!.features)
      .filter(([, d]) => d.drifted)
      .map(([name]) => name);
    expect(drifted).toEqual(expect.arrayContaining(['season', 'mnth', 'temp']));
    // The dataset drifts all the same: the model ranks hour far first, then the date (not
    // profiled: its values are always new), working day and temperature, which drifted.
    const v1 = await call(p, 'GET', '/models/bikes/versions/1');
    const importance = v1.json.featureImportance as FeatureImportance[];
    expect(importance[0]).toMatchObject({ feature: 'hr' });
    expect(importance.map((f) => f.feature)).toContain('temp');
    expect(report!.status).toBe('drift');
    const top = report!.report!.driftedTopFeatures;
    expect(top.length).toBeGreaterThan(0);
    expect(drifted).toEqual(expect.arrayContaining([...top]));
    expect(report!.liveError).toMatchObject({ metric: 'rmse', breached: true, matched: traffic.length });
    expect(report!.liveError!.value).toBeGreaterThan(2 * (report!.liveError!.baseline ?? Infinity));
    expect(report!.retrain).toMatchObject({ sent: true, trigger: 'drift' });

    const [calm] = await reports('bikes-stable');
    expect(calm).toMatchObject({ version: 1, status: 'no_drift', rows: stable.length, retrain: null });
    // No input drifts, the top ones included (every score is under half the threshold).
    expect(calm!.report).toMatchObject({ driftedShare: 0, driftedTopFeatures: [] });
    expect(calm!.liveError).toMatchObject({ breached: false });

    // A second tick with more 2012 traffic: whichever version then serves, no second retrain.
    await replay('bikes', data.rows2012.filter((_, i) => i % 2 === 1).slice(0, 500));
    await logsWritten('bikes', traffic.length + 500);
    await runMonitor();
    expect((await reports('bikes')).filter((r) => r.retrain?.sent === true)).toHaveLength(1);
    expect((await reports('bikes-stable')).every((r) => r.retrain === null)).toBe(true);

    // The one retrain: a new version trained on 2011 plus the labelled 2012 rows.
    await waitFor(
      'the retrained version, registered',
      async () =>
        ['production', 'rejected'].includes((await p.adapters.registry.getVersion('bikes', 2))?.status ?? ''),
      300_000,
    );
    const retrained = (await p.adapters.registry.getVersion('bikes', 2))!;
    expect(retrained.lineage?.retrain).toMatchObject({ driftReportId: report!.id });
    // 2011 plus the labelled 2012 rows logged when the retrain set was assembled.
    expect(retrained.lineage?.rows ?? 0).toBeGreaterThanOrEqual(data.rows2011.length + traffic.length);
    expect(retrained.lineage?.rows ?? Infinity).toBeLessThanOrEqual(
      data.rows2011.length + traffic.length + 500,
    );
    expect(p.invocations.filter((i) => i.functionName === 'assembleRetrainSet')).toHaveLength(1);
    // Promoted only if it beats version 1 on the same holdout: the champion gate decides.
    const production = (await p.adapters.registry.getAlias('bikes', 'production'))!.version;
    const passed = retrained.gates.every((g) => g.passed);
    expect(production).toBe(passed ? 2 : 1);
    expect(retrained.status).toBe(passed ? 'production' : 'rejected');
    expect(await p.adapters.registry.getVersion('bikes-stable', 2)).toBeUndefined();
  }, 600_000);
});
