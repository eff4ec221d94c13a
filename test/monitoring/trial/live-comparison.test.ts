// A challenger judged by the drift check on the emulators: both versions' rows of the same
// requests in Azurite, feedback, versions and aliases in the Cosmos stand-in. The paired test
// promotes a better challenger, retires a worse one, waits below minFeedback, counts a replayed
// window once, and leaves feedback on rows only one version scored out of the pairs.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { logBlobName, type LogRow } from '../../../src/domain/log-row';
import type { ModelVersion } from '../../../src/domain/model-version';
import { checkModelDrift, type DriftCheckDeps } from '../../../src/monitoring/drift/check-model-drift';
import type { DriftRecord } from '../../../src/monitoring/drift/drift-record';
import { DRIFT_KIND } from '../../../src/monitoring/drift/drift-window';
import { createTrialMoves } from '../../../src/pipeline/promote/trial-moves';
import { storeFeedback } from '../../../src/serving/feedback/store-feedback';
import { toJsonLines } from '../../../src/serving/prediction-log/json-lines';
import { seededNormals } from '../../support/seeded-normals';
import { freshRegistry, newVersion } from '../../platform/registry/fixtures';
import {
  blobs,
  driftDeps,
  driftRequest,
  inputs,
  nextSecond,
  PROFILE,
  predictionOf,
  queue,
  recordingTelemetry,
} from '../drift/drift-fixtures';

const registry = freshRegistry();

/** v1 in production, v2 its challenger in shadow since an hour ago, under `deployment`. */
async function onTrial(deployment: Record<string, number>, task = 'regression'): Promise<string> {
  const model = `m${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const base = { task, metrics: { rmse: 2 }, trainingProfile: PROFILE as never };
  await registry.createVersion({ ...newVersion(model, 'run-1'), ...base, status: 'production' });
  await registry.createVersion({ ...newVersion(model, 'run-2'), ...base, status: 'challenger' });
  await registry.setAlias(model, 'production', 1, null);
  const since = new Date(Date.now() - 3_600_000).toISOString();
  const trial = { mode: 'shadow', since, against: 1, origin: 'deployment' } as const;
  await registry.setAlias(model, 'challenger', 2, null, 'test', trial);
  await registry.updateVersion(model, 2, { trial: { ...trial, comparisons: [] } });
  await registry.putSpec(model, { target: 'y', deployment });
  return model;
}

function deps(): DriftCheckDeps {
  return { ...driftDeps(), registry, trials: createTrialMoves({ registry }) };
}

/**
 * One request of `n` rows answered by v1 and scored in shadow by v2 (rows `onlyProduction` and
 * up have no shadow row); v1's predictions are off by `productionOff`, v2's by `challengerOff`
 * (plus noise), and the feedback is the true value.
 */
async function traffic(
  d: DriftCheckDeps,
  model: string,
  n: number,
  productionOff: number,
  challengerOff: number,
  onlyProduction = n,
  productionVersion = 1,
): Promise<void> {
  const rows = inputs(n, 5);
  const noise = seededNormals(11);
  const requestId = `req-${randomUUID()}`;
  const time = new Date().toISOString();
  const logRows: LogRow[] = [];
  rows.forEach((x, row) => {
    const truth = predictionOf(x);
    const base = { requestId, row, model, inputs: x, time };
    logRows.push({ ...base, version: productionVersion, prediction: truth + productionOff + noise() });
    if (row < onlyProduction) {
      logRows.push({ ...base, version: 2, prediction: truth + challengerOff + noise(), shadow: true });
    }
  });
  await blobs.upload(
    d.settings.containers.predictionLogs,
    logBlobName(model, new Date(), 'test', Math.floor(Math.random() * 1e8)),
    toJsonLines(logRows),
  );
  await storeFeedback(registry, model, {
    items: rows.map((x, row) => ({ requestId, row, actual: predictionOf(x) })),
  });
}

async function latestRecord(model: string): Promise<DriftRecord> {
  const docs = (await registry.listMonitoring(model, DRIFT_KIND, { pageSize: 1 })).items;
  return docs[0]!.body as unknown as DriftRecord;
}

const statusOf = async (model: string, version: number): Promise<ModelVersion | undefined> =>
  registry.getVersion(model, version);

describe('the live comparison in the drift check', () => {
  it('promotes a challenger that is better on enough paired feedback, by compare-and-swap', async () => {
    const model = await onTrial({ minFeedback: 100 });
    const d = deps();
    await traffic(d, model, 150, 3, 0.5);
    await nextSecond();
    expect(await checkModelDrift(d, driftRequest(model))).toMatchObject({ kind: 'reported' });
    const record = await latestRecord(model);
    expect(record.challenger).toMatchObject({ version: 2, outcome: 'promoted' });
    expect(record.challenger!.comparison).toMatchObject({
      productionVersion: 1,
      rows: 150,
      unpaired: 0,
      test: 'paired_t',
      errorMetric: 'absolute_error',
      decision: 'promote',
    });
    expect(record.challenger!.comparison.pValue).toBeLessThan(0.05);
    expect(record.challenger!.comparison.challengerError).toBeLessThan(
      record.challenger!.comparison.productionError,
    );
    // Production's own live error is still judged on its own rows, not the shadow ones.
    expect(record.liveError).toMatchObject({ matched: 150 });
    expect((await registry.getAlias(model, 'production'))?.version).toBe(2);
    expect(await registry.getAlias(model, 'challenger')).toBeUndefined();
    const v2 = await statusOf(model, 2);
    expect(v2?.status).toBe('production');
    expect(v2?.trial).toMatchObject({ outcome: 'promoted', totals: { rows: 150 } });
    expect(v2?.trial?.comparisons).toHaveLength(1);
    expect((await statusOf(model, 1))?.status).toBe('archived');
  });

  it('retires a challenger that is worse, with the evidence on the version', async () => {
    const model = await onTrial({ minFeedback: 100 });
    const d = deps();
    await traffic(d, model, 150, 0.5, 3);
    await nextSecond();
    await checkModelDrift(d, driftRequest(model));
    expect((await latestRecord(model)).challenger).toMatchObject({ outcome: 'lost' });
    expect((await registry.getAlias(model, 'production'))?.version).toBe(1);
    expect(await registry.getAlias(model, 'challenger')).toBeUndefined();
    const v2 = await statusOf(model, 2);
    expect(v2?.status).toBe('validated');
    expect(v2?.trial?.outcome).toBe('lost');
    expect(v2?.trial?.reason).toMatch(
      /^mean absolute error [0-9.]+ \(challenger\) vs [0-9.]+ \(production\) on 150 paired rows: worse, p = /,
    );
  });

  it('waits below minFeedback and adds windows up, each once, until it decides', async () => {
    const model = await onTrial({ minFeedback: 200 });
    const d = deps();
    await traffic(d, model, 120, 3, 0.5);
    await nextSecond();
    const first = driftRequest(model);
    await checkModelDrift(d, first);
    const waiting = (await latestRecord(model)).challenger!;
    expect(waiting).toMatchObject({ outcome: 'continue', comparison: { rows: 120, pValue: null } });
    expect(waiting.comparison.reason).toBe('120 of 200 paired feedback rows so far (deployment.minFeedback)');
    expect((await statusOf(model, 2))?.trial?.totals).toMatchObject({ rows: 120 });
    expect((await registry.getAlias(model, 'challenger'))?.version).toBe(2);

    await traffic(d, model, 120, 3, 0.5);
    await nextSecond();
    await checkModelDrift(d, driftRequest(model));
    const decided = (await latestRecord(model)).challenger!;
    expect(decided).toMatchObject({ outcome: 'promoted', comparison: { rows: 240 } });
    expect((await statusOf(model, 2))?.trial?.comparisons.map((c) => c.rows)).toEqual([120, 240]);
  });

  it('starts adding up again when production was moved by hand during the trial', async () => {
    const model = await onTrial({ minFeedback: 200 });
    const d = deps();
    await traffic(d, model, 120, 3, 0.5);
    await nextSecond();
    await checkModelDrift(d, driftRequest(model));
    expect((await latestRecord(model)).challenger!.comparison).toMatchObject({
      rows: 120,
      productionVersion: 1,
    });
    // An operator promotes a third version; the challenger now meets it.
    await registry.createVersion({
      ...newVersion(model, 'run-3'),
      task: 'regression',
      metrics: { rmse: 2 },
      trainingProfile: PROFILE as never,
      status: 'production',
    });
    const alias = (await registry.getAlias(model, 'production'))!;
    await registry.setAlias(model, 'production', 3, alias.etag, 'by hand');
    await traffic(d, model, 120, 3, 0.5, 120, 3);
    await nextSecond();
    await checkModelDrift(d, { ...driftRequest(model), version: 3 });
    const { comparison } = (await latestRecord(model)).challenger!;
    expect(comparison).toMatchObject({ rows: 120, productionVersion: 3, decision: 'continue' });
    expect((await registry.getVersion(model, 2))?.trial?.totals?.rows).toBe(120);
  });

  it('joins feedback that arrives after a canary logged its requests, for production and the trial', async () => {
    const model = await onTrial({ minFeedback: 100 });
    const d = deps();
    // Canary requests: the challenger answered (logged first), production scored them in shadow.
    const rows = inputs(120, 5);
    const requestId = `req-${randomUUID()}`;
    const time = new Date().toISOString();
    const logged: LogRow[] = rows.flatMap((x, row) => {
      const base = { requestId, row, model, inputs: x, time };
      return [
        { ...base, version: 2, prediction: predictionOf(x) + 0.5 },
        { ...base, version: 1, prediction: predictionOf(x) + 3, shadow: true as const },
      ];
    });
    await blobs.upload(
      d.settings.containers.predictionLogs,
      logBlobName(model, new Date(), 'test', 3),
      toJsonLines(logged),
    );
    await nextSecond();
    await checkModelDrift(d, driftRequest(model)); // no feedback yet: the checkpoint moves past the logs
    await storeFeedback(registry, model, {
      items: rows.map((x, row) => ({ requestId, row, actual: String(predictionOf(x)) })),
    });
    await traffic(d, model, 5, 0, 0); // a little new traffic (and its feedback), so the next check runs
    await nextSecond();
    await checkModelDrift(d, driftRequest(model));
    const record = await latestRecord(model);
    // The 120 canary rows are joined through production's shadow rows in the lookback, plus the 5 new.
    expect(record.liveError).toMatchObject({ matched: 125 });
    expect(record.challenger).toMatchObject({ outcome: 'promoted', comparison: { rows: 125, unpaired: 0 } });
  });

  it('counts feedback on rows only production scored as unpaired, and compares the rest', async () => {
    const model = await onTrial({ minFeedback: 100 });
    const d = deps();
    await traffic(d, model, 160, 3, 0.5, 110);
    await nextSecond();
    await checkModelDrift(d, driftRequest(model));
    expect((await latestRecord(model)).challenger!.comparison).toMatchObject({ rows: 110, unpaired: 50 });
  });

  it('judges classifiers with McNemar on the rows one got right and the other wrong', async () => {
    const model = await onTrial({ minFeedback: 50 }, 'binary');
    const d = deps();
    const requestId = `req-${randomUUID()}`;
    const time = new Date().toISOString();
    const rows: LogRow[] = [];
    const items = [];
    for (let row = 0; row < 120; row++) {
      const actual = row % 2 === 0 ? 'yes' : 'no';
      const wrong = actual === 'yes' ? 'no' : 'yes';
      const base = { requestId, row, model, inputs: { temperature: 15, hour: row % 24, zone: 'A' }, time };
      // Production is wrong on every third row, the challenger on every twentieth.
      rows.push({ ...base, version: 1, prediction: row % 3 === 0 ? wrong : actual });
      rows.push({ ...base, version: 2, prediction: row % 20 === 0 ? wrong : actual, shadow: true });
      items.push({ requestId, row, actual });
    }
    await blobs.upload(
      d.settings.containers.predictionLogs,
      logBlobName(model, new Date(), 'test', 1),
      toJsonLines(rows),
    );
    await storeFeedback(registry, model, { items });
    await nextSecond();
    await checkModelDrift(d, driftRequest(model));
    const { comparison, outcome } = (await latestRecord(model)).challenger!;
    expect(comparison).toMatchObject({ test: 'mcnemar', errorMetric: 'error_rate', rows: 120 });
    expect(comparison.productionError).toBeCloseTo(40 / 120, 9);
    expect(comparison.challengerError).toBeCloseTo(6 / 120, 9);
    expect(outcome).toBe('promoted');
  });

  it('retires a trial still undecided after deployment.maxDays as expired', async () => {
    const model = await onTrial({ minFeedback: 100, maxDays: 0.01 });
    const d = deps();
    await traffic(d, model, 30, 1, 1);
    await nextSecond();
    await checkModelDrift(d, driftRequest(model));
    expect((await latestRecord(model)).challenger).toMatchObject({ outcome: 'expired' });
    const v2 = await statusOf(model, 2);
    expect(v2?.status).toBe('validated');
    expect(v2?.trial?.reason).toMatch(/^undecided after 0.01 days \(deployment\.maxDays\): 30 of 100/);
  });

  it('stops automatic retraining after retrain.maxConsecutiveLosses losing retrain challengers, with an alert', async () => {
    const model = `m${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const base = { task: 'regression', metrics: { rmse: 2 }, trainingProfile: PROFILE as never };
    await registry.createVersion({ ...newVersion(model, 'run-1'), ...base, status: 'production' });
    await registry.setAlias(model, 'production', 1, null);
    const lineage = { ...newVersion(model, 'x').lineage! };
    for (const [run, outcome] of [
      ['run-2', 'lost'],
      ['run-3', 'expired'],
    ] as const) {
      await registry.createVersion({
        ...newVersion(model, run),
        ...base,
        status: 'validated',
        lineage: { ...lineage, retrain: { trigger: 'drift', reason: 'drift', requestedAt: 't' } },
        trial: { mode: 'shadow', since: 't', against: 1, origin: 'retrain', comparisons: [], outcome },
      });
    }
    await registry.putSpec(model, { target: 'y', retrain: { maxConsecutiveLosses: 2 } });
    const d = { ...deps(), telemetry: recordingTelemetry() };
    // Drifted traffic of version 1, which would ask for a retrain.
    const rows = inputs(300, 9, 20, 'D');
    await blobs.upload(
      d.settings.containers.predictionLogs,
      logBlobName(model, new Date(), 'test', 2),
      toJsonLines(
        rows.map((x, row) => ({
          requestId: 'r',
          row,
          model,
          version: 1,
          inputs: x,
          prediction: predictionOf(x),
          time: new Date().toISOString(),
        })),
      ),
    );
    await nextSecond();
    await checkModelDrift(d, driftRequest(model));
    const record = await latestRecord(model);
    expect(record.status).toBe('drift');
    expect(record.retrain).toMatchObject({ sent: false, trigger: 'drift' });
    expect(record.retrain!.reason).toMatch(
      /^automatic retraining is stopped: the last 2 challengers from automatic retrains lost their trials \(v3 expired, v2 lost;/,
    );
    expect(d.telemetry.items).toContainEqual(
      expect.objectContaining({
        kind: 'event',
        name: 'RetrainHalted',
        props: expect.objectContaining({ model }),
      }),
    );
    expect(await queue.receive(d.settings.queues.retrain, { max: 32 })).toEqual([]);
  });
});
