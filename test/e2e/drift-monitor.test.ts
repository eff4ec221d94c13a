// The drift monitor through the local runtime: a trained taxi model in production, drifted rows
// through the predict endpoint, their true counts as feedback, the timer run on demand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTaxiDemand } from '../../src/datagen/taxi-demand';
import type { DriftHistoryItem } from '../../src/monitoring/drift/drift-record';
import { runIdFor } from '../../src/domain/ids';
import { startPipeline, type Pipeline } from '../support/runtime';
import { TAXI_SPEC, taxiCsv } from '../support/taxi-data';
import { waitFor } from '../support/wait';
import { call, FEEDBACK_KEY } from '../serving/registry-api/api-client';

let p: Pipeline;
beforeAll(async () => {
  p = await startPipeline();
  // An override of the monitoring defaults: 100 rows suffice for a verdict.
  const spec = { ...TAXI_SPEC, monitoring: { minSamples: 100 } };
  await p.drop('taxi', 'model.json', JSON.stringify(spec));
  const etag = await p.drop('taxi', '2025-01.csv', taxiCsv());
  const run = await p.finishedRun('taxi', runIdFor('taxi/2025-01.csv', etag));
  expect(run.status).toBe('succeeded');
}, 120_000);
afterAll(() => p?.stop());

const runMonitor = async (): Promise<void> => {
  await p.runNow('monitorDrift');
};

const history = async (query = ''): Promise<{ items: DriftHistoryItem[]; continuationToken?: string }> => {
  const res = await call(p, 'GET', `/models/taxi/drift${query}`);
  expect(res.status).toBe(200);
  return res.json as unknown as { items: DriftHistoryItem[]; continuationToken?: string };
};

describe('drift monitor', () => {
  it('flags drifted traffic and its live error, and asks for one retrain', async () => {
    // A colder, snowier winter with more demand in half of the zones.
    const rows = [...generateTaxiDemand({ start: '2025-03-01', days: 4, zones: 4, seed: 3, drift: true })];
    const answer = await call(p, 'POST', '/models/taxi/predict', {
      body: { rows: rows.map(({ trips: _, ...inputs }) => inputs) },
    });
    expect(answer.status).toBe(200);
    const requestId = answer.json.requestId as string;
    const feedback = await call(p, 'POST', '/models/taxi/feedback', {
      key: FEEDBACK_KEY,
      body: {
        items: [
          ...rows.map((r, row) => ({ requestId, row, actual: r.trips })),
          { requestId: 'not-a-prediction', actual: 3 },
        ],
      },
    });
    expect(feedback.status).toBe(200);
    await waitFor('the prediction log to be written', async () => {
      for await (const _ of p.adapters.blobs.list(p.config.containers.predictionLogs, 'taxi/')) return true;
      return false;
    });
    await new Promise((r) => setTimeout(r, 1001 - (Date.now() % 1000))); // into the next second

    await runMonitor();
    await waitFor('a drift report', async () => (await history()).items.length > 0, 30_000);
    const [report] = (await history()).items;
    expect(report).toMatchObject({ version: 1, status: 'drift', rows: rows.length });
    expect(report!.id).toBe(`drift:${report!.window.to}`);
    expect(report!.report!.features.temperature_c).toMatchObject({ drifted: true });
    expect(report!.liveError).toMatchObject({
      metric: 'rmse',
      breached: true,
      matched: rows.length,
      unknownRequestIds: 1,
    });
    expect(report!.retrain).toMatchObject({ sent: true, trigger: 'drift' });
    // One retrain message, taken by the retrain consumer; the model's retrain record names the report.
    const retrainRecord = await p.adapters.registry.getMonitoring('taxi', 'retrain:last');
    expect(retrainRecord?.body).toMatchObject({ driftReportId: report!.id });
    await waitFor(
      'the retrain consumer',
      () => p.invocations.some((i) => i.functionName === 'assembleRetrainSet'),
      30_000,
    );
    expect(p.invocations.filter((i) => i.functionName === 'assembleRetrainSet')).toHaveLength(1);

    // The next tick has no new logs: no second report.
    await runMonitor();
    await waitFor('the second check', () => checks().length >= 2, 30_000);
    expect((await history()).items).toHaveLength(1);
  });

  it('drops a malformed drift message without retrying it', async () => {
    const before = checks().length;
    await p.adapters.queue.send(p.config.queues.drift, { schema: 1, kind: 'drift', model: 'taxi' });
    await waitFor('the malformed message to be handled', () => checks().length > before);
    expect(
      checks()
        .slice(before)
        .map((i) => i.outcome),
    ).toEqual(['Succeeded']);
    expect(p.logLines).toContainEqual(
      expect.stringContaining(
        '[checkModelDrift] Failed without retry (bad_message): Malformed drift-requests message: version: Invalid input',
      ),
    );
  });

  it('pages the history and answers 400 and 404 as the other lists do', async () => {
    expect((await history('?pageSize=1')).items).toHaveLength(1);
    const tooBig = await call(p, 'GET', '/models/taxi/drift?pageSize=201');
    expect(tooBig.status).toBe(400);
    expect(tooBig.json.error?.message).toBe('Invalid pageSize "201": an integer from 1 to 200');
    const unknown = await call(p, 'GET', '/models/no-such-model/drift');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error?.code).toBe('model_not_found');
  });
});

function checks() {
  return p.invocations.filter((i) => i.functionName === 'checkModelDrift');
}
