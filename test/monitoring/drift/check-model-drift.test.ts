// The drift check on the emulators: logs in Azurite, versions, feedback and reports in the Cosmos
// stand-in, retrain messages on a Storage queue.
import { describe, expect, it } from 'vitest';
import type { MonitoringDocument } from '../../../src/domain/documents';
import type { FeatureImportance } from '../../../src/domain/model-version';
import { AppError } from '../../../src/errors';
import { checkModelDrift, type DriftCheckDeps } from '../../../src/monitoring/drift/check-model-drift';
import type { DriftRecord } from '../../../src/monitoring/drift/drift-record';
import { DRIFT_CHECKPOINT_ID, DRIFT_KIND } from '../../../src/monitoring/drift/drift-window';
import { permanentFailure } from '../../../src/pipeline/failure';
import { storeFeedback } from '../../../src/serving/feedback/store-feedback';
import {
  driftDeps,
  driftRequest,
  inputs,
  nextSecond,
  predictionOf,
  queue,
  registry,
  seedModel,
  writeLog,
} from './drift-fixtures';

const reports = async (model: string): Promise<MonitoringDocument[]> =>
  (await registry.listMonitoring(model, DRIFT_KIND, { pageSize: 100 })).items;

describe('checkModelDrift', () => {
  it('reports drift, quality, malformed lines and live error, and asks for a retrain', async () => {
    const deps = driftDeps();
    const model = await seedModel(undefined, { monitoring: { minSamples: 100 } });
    const rows = inputs(300, 9, 20, 'D');
    const requestId = await writeLog(deps, model, rows, { extraLines: ['not json', '{"inputs": 1}', ''] });
    await writeLog(deps, model, inputs(50, 3), { version: 2 }); // another version: not checked
    // Feedback 10 off on 150 rows (RMSE 10 > 2 x 1.25) and one request never predicted.
    const items = rows.slice(0, 150).map((x, row) => ({ requestId, row, actual: predictionOf(x) + 10 }));
    await storeFeedback(registry, model, { items: [...items, { requestId: 'never-logged', actual: 1 }] });
    await nextSecond();

    const outcome = await checkModelDrift(deps, driftRequest(model));
    expect(outcome).toMatchObject({ kind: 'reported', status: 'drift', rows: 300 });
    const [doc, ...more] = await reports(model);
    expect(more).toEqual([]);
    const record = doc!.body as unknown as DriftRecord;
    expect(doc!.id).toBe(`drift:${record.window.to}`);
    expect(record).toMatchObject({ version: 1, status: 'drift', rows: 300 });
    expect(record.report).toMatchObject({ rows: 300, malformedLines: 2, verdict: 'drift', minSamples: 100 });
    expect(record.report!.features.temperature).toMatchObject({ metric: 'wasserstein', drifted: true });
    expect(record.report!.features.zone).toMatchObject({ metric: 'jensen_shannon', drifted: true });
    expect(record.report!.features.hour).toMatchObject({ metric: 'wasserstein', drifted: false });
    expect(record.report!.quality.temperature!.outOfRange).toBeGreaterThan(0);
    expect(record.liveError).toMatchObject({ metric: 'rmse', baseline: 2, limit: 2.5, breached: true });
    expect(record.liveError).toMatchObject({ matched: 150, unknownRequestIds: 1 });
    expect(record.liveError!.value).toBeCloseTo(10, 9);
    expect(record.retrain).toMatchObject({ sent: true, trigger: 'drift' });
    expect(record.retrain!.reason).toMatch(/^2 of 3 features drifted: temperature, zone; live rmse 10 above/);

    const [message] = await queue.receive(deps.settings.queues.retrain, { max: 32 });
    expect(message?.body).toMatchObject({ kind: 'retrain', model, driftReportId: doc!.id });
    const checkpoint = await registry.getMonitoring(model, DRIFT_CHECKPOINT_ID);
    expect(checkpoint?.body).toMatchObject({ to: record.window.to, version: 1, status: 'drift' });

    const told = deps.telemetry.items;
    expect(told.filter((t) => t.name === 'drift.score').map((t) => t.props?.feature)).toEqual([
      'temperature',
      'hour',
      'zone',
    ]);
    expect(told).toContainEqual(expect.objectContaining({ kind: 'metric', name: 'live_error' }));
    expect(told).toContainEqual(
      expect.objectContaining({
        kind: 'event',
        name: 'DriftDetected',
        props: expect.objectContaining({ model }),
      }),
    );

    // The same message again: the checkpoint is at its time, nothing more is written.
    expect(await checkModelDrift(deps, driftRequest(model, new Date(record.window.to)))).toEqual({
      kind: 'already_checked',
    });
    expect(await reports(model)).toHaveLength(1);
  });

  it('finds no drift in rows like the training data and asks for no retrain', async () => {
    const deps = driftDeps();
    const model = await seedModel(undefined, { monitoring: { minSamples: 100 } });
    await writeLog(deps, model, inputs(400, 11));
    await nextSecond();
    const outcome = await checkModelDrift(deps, driftRequest(model));
    expect(outcome).toMatchObject({ kind: 'reported', status: 'no_drift', retrain: null });
    const [doc] = await reports(model);
    expect(doc!.body).toMatchObject({ liveError: null, retrain: null });
    expect(await queue.receive(deps.settings.queues.retrain)).toEqual([]);
  });

  it('drifts when one of the three most important inputs drifts, even under the drifted share', async () => {
    // Only temperature moves: 1 of 3 inputs, under the default share of a half.
    const warmer = inputs(300, 9, 20);
    const check = async (featureImportance?: FeatureImportance[]): Promise<DriftRecord> => {
      const deps = driftDeps();
      const version = featureImportance ? { featureImportance } : {};
      const model = await seedModel(undefined, { monitoring: { minSamples: 100 } }, version);
      await writeLog(deps, model, warmer);
      await nextSecond();
      await checkModelDrift(deps, driftRequest(model));
      return (await reports(model))[0]!.body as unknown as DriftRecord;
    };
    const ranked = await check([
      { feature: 'temperature', importance: 0.6 },
      { feature: 'hour', importance: 0.3 },
      { feature: 'zone', importance: 0.1 },
    ]);
    expect(ranked).toMatchObject({ status: 'drift', retrain: { sent: true, trigger: 'drift' } });
    expect(ranked.report).toMatchObject({ driftedShare: 1 / 3, driftedTopFeatures: ['temperature'] });

    // No importance recorded (an older version): the share rule alone, as before.
    const unranked = await check();
    expect(unranked).toMatchObject({ status: 'no_drift', retrain: null });
    expect(unranked.report).toMatchObject({ driftedShare: 1 / 3, driftedTopFeatures: [] });

    // An input the model does not use at all is not among its top inputs.
    const unused = await check([
      { feature: 'hour', importance: 0.7 },
      { feature: 'zone', importance: 0.3 },
      { feature: 'temperature', importance: 0 },
    ]);
    expect(unused).toMatchObject({ status: 'no_drift', report: { driftedTopFeatures: [] } });

    // The most important input is not profiled (a time column): the fourth moves into the top 3.
    const timed = await check([
      { feature: 'pickup_time', importance: 0.4 },
      { feature: 'hour', importance: 0.3 },
      { feature: 'zone', importance: 0.2 },
      { feature: 'temperature', importance: 0.1 },
    ]);
    expect(timed).toMatchObject({ status: 'drift', report: { driftedTopFeatures: ['temperature'] } });
  });

  it('joins feedback that arrives after its prediction was checked with the earlier logs', async () => {
    const deps = driftDeps();
    const model = await seedModel(undefined, { monitoring: { minSamples: 10 } });
    const rows = inputs(20, 8);
    const requestId = await writeLog(deps, model, rows);
    await nextSecond();
    expect(await checkModelDrift(deps, driftRequest(model))).toMatchObject({ kind: 'reported' });
    expect((await reports(model))[0]!.body).toMatchObject({ liveError: null });

    // Ground truth for the rows of the first window arrives during the second one.
    const items = rows.map((x, row) => ({ requestId, row, actual: predictionOf(x) + 1 }));
    await storeFeedback(registry, model, { items: [...items, { requestId: 'unknown', actual: 0 }] });
    await writeLog(deps, model, inputs(20, 12));
    await nextSecond();
    expect(await checkModelDrift(deps, driftRequest(model))).toMatchObject({ kind: 'reported' });
    const [latest] = await reports(model);
    expect((latest!.body as unknown as DriftRecord).liveError).toMatchObject({
      value: 1,
      matched: 20,
      unknownRequestIds: 1,
      breached: false,
    });
  });

  it('stores the report before the checkpoint: a check that failed in between overwrites it', async () => {
    const deps = driftDeps();
    const model = await seedModel();
    await writeLog(deps, model, inputs(50, 4));
    await nextSecond();
    const req = driftRequest(model);
    let failures = 1;
    const flaky: DriftCheckDeps = {
      ...deps,
      registry: Object.assign(Object.create(registry) as typeof registry, {
        putMonitoring: (doc: MonitoringDocument, options?: { ifMatch?: string | null }) => {
          if (doc.id === DRIFT_CHECKPOINT_ID && failures-- > 0) {
            return Promise.reject(new AppError('unavailable', 'cosmos_down', 'Cosmos DB is not answering'));
          }
          return registry.putMonitoring(doc, options);
        },
      }),
    };
    await expect(checkModelDrift(flaky, req)).rejects.toThrow('Cosmos DB is not answering');
    expect(await reports(model)).toHaveLength(1);
    expect(await registry.getMonitoring(model, DRIFT_CHECKPOINT_ID)).toBeUndefined();

    // The retried message: same window, same id, the report replaced, the checkpoint moved.
    expect(await checkModelDrift(flaky, req)).toMatchObject({ kind: 'reported', status: 'not_enough_data' });
    expect(await reports(model)).toHaveLength(1);
    expect(await registry.getMonitoring(model, DRIFT_CHECKPOINT_ID)).toBeDefined();
  });

  it('lets one of two concurrent checks of the same window move the checkpoint, with one report', async () => {
    const deps = driftDeps();
    const model = await seedModel();
    await writeLog(deps, model, inputs(30, 5));
    await nextSecond();
    // Both read the checkpoint before either writes it.
    let release!: () => void;
    const bothRead = new Promise<void>((r) => (release = r));
    let reads = 0;
    const racing: DriftCheckDeps = {
      ...deps,
      registry: Object.assign(Object.create(registry) as typeof registry, {
        getMonitoring: async (m: string, id: string) => {
          const doc = await registry.getMonitoring(m, id);
          if (id === DRIFT_CHECKPOINT_ID && ++reads === 2) release();
          if (id === DRIFT_CHECKPOINT_ID) await bothRead;
          return doc;
        },
      }),
    };
    const req = driftRequest(model);
    const outcomes = await Promise.all([checkModelDrift(racing, req), checkModelDrift(racing, req)]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['lost_race', 'reported']);
    expect(await reports(model)).toHaveLength(1);
  });

  it('writes no report and moves no checkpoint when no log was written since the checkpoint', async () => {
    const deps = driftDeps();
    const model = await seedModel();
    await nextSecond();
    expect(await checkModelDrift(deps, driftRequest(model))).toEqual({ kind: 'no_logs' });
    expect(await reports(model)).toEqual([]);
    expect(await registry.getMonitoring(model, DRIFT_CHECKPOINT_ID)).toBeUndefined();
  });

  it('reports a version without a training profile as not monitorable, once', async () => {
    const deps = driftDeps();
    const model = await seedModel({});
    await writeLog(deps, model, inputs(10, 6));
    await nextSecond();
    expect(await checkModelDrift(deps, driftRequest(model))).toMatchObject({
      kind: 'reported',
      status: 'not_monitorable',
    });
    const [doc] = await reports(model);
    expect(doc!.body).toMatchObject({
      status: 'not_monitorable',
      report: null,
      reason:
        'version 1 has no training profile: drift cannot be measured; a retrained version will have one',
    });
    await nextSecond();
    expect(await checkModelDrift(deps, driftRequest(model))).toEqual({ kind: 'already_checked' });
    expect(await reports(model)).toHaveLength(1);
  });

  it('fails at once (no retry) for an unknown version or a requestedAt that is not a time', async () => {
    const deps = driftDeps();
    const model = await seedModel();
    const cases = [
      {
        req: { ...driftRequest(model), version: 7 },
        category: 'not_found',
        code: 'version_not_found',
        message: `Drift check of "${model}": no version 7`,
      },
      {
        req: { ...driftRequest(model), requestedAt: 'yesterday' },
        category: 'invalid',
        code: 'bad_message',
        message: 'Malformed drift-requests message: requestedAt: not a time "yesterday"',
      },
    ];
    for (const c of cases) {
      const err = await checkModelDrift(deps, c.req).then(
        () => expect.fail('should have failed'),
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ category: c.category, code: c.code, message: c.message });
      expect(permanentFailure(err)).toEqual({ code: c.code, message: c.message });
    }
  });
});
