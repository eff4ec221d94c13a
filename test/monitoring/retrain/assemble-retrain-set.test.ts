// The retrain consumer on the real emulators: drops in Azurite, feedback and spec in the Cosmos
// stand-in, one data blob out.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import {
  assembleRetrainSet,
  type RetrainSetDeps,
} from '../../../src/monitoring/retrain/assemble-retrain-set';
import { requestRetrain } from '../../../src/monitoring/retrain/request-retrain';
import { RETRAIN_RECORD_ID } from '../../../src/monitoring/retrain/retrain-record';
import type { ModelVersion } from '../../../src/domain/model-version';
import type { RetrainRequest } from '../../../src/domain/messages';
import { retrainLineageFrom } from '../../../src/domain/retrain-lineage';
import { AzureBlobStore } from '../../../src/platform/blob/azure-blob-store';
import { NO_TELEMETRY } from '../../../src/platform/ports/telemetry';
import { StorageMessageQueue } from '../../../src/platform/queue/storage-message-queue';
import { blobServiceClient, queueServiceClient } from '../../../src/platform/storage-clients';
import { storeFeedback } from '../../../src/serving/feedback/store-feedback';
import { toJsonLines } from '../../../src/serving/prediction-log/json-lines';
import type { LogRow } from '../../../src/domain/log-row';
import { emulatorSettings } from '../../support/settings';
import { freshRegistry, newVersion } from '../../platform/registry/fixtures';

const access = {
  kind: 'connectionString',
  connectionString: emulatorSettings().storageConnectionString,
} as const;
const blobs = new AzureBlobStore(blobServiceClient(access));
const registry = freshRegistry();
// Version 1's inputs, as a trained version's feature pipeline records them.
const TEMP_HUM = {
  inputs: [
    { name: 'temp', type: 'numeric' },
    { name: 'hum', type: 'numeric' },
  ],
} as unknown as ModelVersion['featureSchema'];
const fresh = (p: string): string => `${p}${randomUUID().replace(/-/g, '').slice(0, 16)}`;

function setup(): { deps: RetrainSetDeps; model: string; request: RetrainRequest } {
  const model = fresh('m-');
  const deps: RetrainSetDeps = {
    blobs,
    registry,
    settings: {
      containers: { datasets: fresh('ds'), predictionLogs: fresh('logs') },
      limits: { maxDatasetBytes: 1_000_000, maxDatasetRows: 10_000 },
    },
  };
  const request: RetrainRequest = {
    schema: 1,
    kind: 'retrain',
    model,
    trigger: 'drift',
    reason: '2 of 3 features drifted: temp, hum',
    driftReportId: 'drift:2026-11-27T10:00:00.000Z',
    requestedAt: '2026-11-27T10:00:00.000Z',
  };
  return { deps, model, request };
}

const logRow = (model: string, requestId: string, row: number, inputs: Record<string, unknown>): LogRow => ({
  requestId,
  row,
  model,
  version: 1,
  inputs,
  prediction: 10,
  time: '2026-11-27T09:00:00.000Z',
});

async function readLines(deps: RetrainSetDeps, name: string): Promise<Record<string, unknown>[]> {
  const { data } = await blobs.downloadToBuffer(deps.settings.containers.datasets, name);
  return data
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function listNames(container: string, prefix: string): Promise<string[]> {
  const names: string[] = [];
  for await (const b of blobs.list(container, prefix)) names.push(b.name);
  return names;
}

describe('assembleRetrainSet', () => {
  it("writes the latest drops and the feedback-labelled logged rows as one blob of the spec's columns", async () => {
    const { deps, model, request } = setup();
    const { datasets, predictionLogs } = deps.settings.containers;
    await registry.putSpec(model, { target: 'count', features: ['temp', 'hum'], retrain: { maxDrops: 2 } });
    await registry.createVersion({ ...newVersion(model, 'run-1'), featureSchema: TEMP_HUM });
    await blobs.upload(datasets, `${model}/2011-01.csv`, 'temp,hum,count,junk\n1,50,10,x\n');
    await blobs.upload(datasets, `${model}/2011-02.csv`, 'temp,hum,count,junk\n2,55,11,x\n3,60,12,y\n');
    await blobs.upload(datasets, `${model}/2011-03.jsonl`, '{"temp":4,"hum":65,"count":13}\n');
    await blobs.upload(
      datasets,
      `${model}/retrain-20250101T000000000Z.jsonl`,
      '{"temp":99,"hum":99,"count":99}\n',
    );
    await blobs.upload(
      predictionLogs,
      `${model}/2026/11/27/09/i-00000001.jsonl`,
      `${toJsonLines([
        logRow(model, 'req-a', 0, { temp: 20, hum: 70, extra: 1 }),
        logRow(model, 'req-a', 1, { temp: 21, hum: 71 }),
        logRow(model, 'req-b', 0, { temp: 22 }),
      ]).toString('utf8')}not json\n`,
    );
    await storeFeedback(registry, model, {
      items: [
        { requestId: 'req-a', row: 1, actual: 30 },
        { requestId: 'req-b', actual: 31 },
        { requestId: 'never-logged', actual: 5 },
      ],
    });

    const outcome = await assembleRetrainSet(deps, request);
    expect(outcome).toEqual({
      kind: 'assembled',
      blobName: `${model}/retrain-20261127T100000000Z.jsonl`,
      rows: 5,
      drops: [`${model}/2011-03.jsonl`, `${model}/2011-02.csv`],
      dropRows: 3,
      feedbackRows: 2,
      unknownFeedback: 1,
      malformedLogLines: 1,
      unreadableLogValues: 0,
      unknownVersionRows: 0,
    });
    const lines = await readLines(deps, outcome.blobName);
    expect(lines).toEqual([
      { temp: 4, hum: 65, count: 13 },
      { temp: 2, hum: 55, count: 11 },
      { temp: 3, hum: 60, count: 12 },
      { temp: 21, hum: 71, count: 30 },
      { temp: 22, hum: null, count: 31 },
    ]);
    const props = await blobs.getProperties(datasets, outcome.blobName);
    expect(retrainLineageFrom(props.metadata)).toEqual({
      trigger: 'drift',
      reason: request.reason,
      requestedAt: request.requestedAt,
      driftReportId: request.driftReportId,
      dropRows: 3,
    });
  });

  it("keeps only the logging version's inputs, read as predict read them, whatever else clients sent", async () => {
    const { deps, model, request } = setup();
    const { predictionLogs } = deps.settings.containers;
    await registry.putSpec(model, { target: 'count' });
    await registry.createVersion({ ...newVersion(model, 'run-1'), featureSchema: TEMP_HUM });
    await blobs.upload(
      predictionLogs,
      `${model}/2026/11/27/09/i-00000001.jsonl`,
      toJsonLines([
        logRow(model, 'req-a', 0, { temp: '20.5', hum: 'n/a', userId: 'u-17', label: 99 }),
        logRow(model, 'req-a', 1, { temp: 'warm', hum: 71, count: 1000 }),
        { ...logRow(model, 'req-c', 0, { temp: 1, hum: 2 }), version: 7 },
      ]),
    );
    await storeFeedback(registry, model, {
      items: [
        { requestId: 'req-a', row: 0, actual: 30 },
        { requestId: 'req-a', row: 1, actual: 31 },
        { requestId: 'req-c', actual: 32 },
      ],
    });
    const outcome = await assembleRetrainSet(deps, request);
    expect(outcome).toMatchObject({
      kind: 'assembled',
      feedbackRows: 2,
      unreadableLogValues: 1,
      unknownVersionRows: 1,
    });
    expect(await readLines(deps, outcome.blobName)).toEqual([
      { temp: 20.5, hum: null, count: 30 },
      { temp: null, hum: 71, count: 31 },
    ]);
  });

  it("takes a labelled row once, from the answered row, never from a challenger's shadow row", async () => {
    const { deps, model, request } = setup();
    await registry.putSpec(model, { target: 'count' });
    await registry.createVersion({ ...newVersion(model, 'run-1'), featureSchema: TEMP_HUM });
    await registry.createVersion({ ...newVersion(model, 'run-2'), featureSchema: TEMP_HUM });
    await blobs.upload(
      deps.settings.containers.predictionLogs,
      `${model}/2026/11/27/09/i-00000001.jsonl`,
      toJsonLines([
        // The shadow row is logged first here, with inputs of its own reading.
        { ...logRow(model, 'req-s', 0, { temp: 99, hum: 99 }), version: 2, shadow: true },
        logRow(model, 'req-s', 0, { temp: 20, hum: 50 }),
      ]),
    );
    await storeFeedback(registry, model, { items: [{ requestId: 'req-s', row: 0, actual: 12 }] });
    const outcome = await assembleRetrainSet(deps, request);
    expect(outcome).toMatchObject({ kind: 'assembled', feedbackRows: 1 });
    expect(await readLines(deps, outcome.blobName)).toEqual([{ temp: 20, hum: 50, count: 12 }]);
  });

  it('writes nothing more for a redelivered message, and marks the claim assembled', async () => {
    const { deps, model } = setup();
    const { datasets } = deps.settings.containers;
    await registry.putSpec(model, { target: 'y' });
    await blobs.upload(datasets, `${model}/d.csv`, 'x,y\n1,2\n');
    const queue = new StorageMessageQueue(queueServiceClient(access));
    const decision = await requestRetrain(
      { registry, queue, retrainQueue: fresh('rq'), telemetry: NO_TELEMETRY },
      { model, trigger: 'manual', reason: 'by hand' },
      60,
    );
    if (!decision.sent) throw new Error(decision.reason);
    const request: RetrainRequest = {
      schema: 1,
      kind: 'retrain',
      model,
      reason: 'by hand',
      trigger: 'manual',
      requestedAt: decision.requestedAt,
    };
    const first = await assembleRetrainSet(deps, request);
    expect(first.kind).toBe('assembled');
    const etag = (await blobs.getProperties(datasets, first.blobName)).etag;
    expect(await assembleRetrainSet(deps, request)).toEqual({
      kind: 'already_done',
      blobName: first.blobName,
    });
    expect((await blobs.getProperties(datasets, first.blobName)).etag).toBe(etag);
    expect((await listNames(datasets, `${model}/retrain-`)).length).toBe(1);
    expect((await registry.getMonitoring(model, RETRAIN_RECORD_ID))?.body).toMatchObject({
      state: 'assembled',
      blobName: first.blobName,
    });
  });

  it('of two concurrent deliveries of one message, one writes the blob and the other finds it', async () => {
    const { deps, model, request } = setup();
    await registry.putSpec(model, { target: 'y' });
    await blobs.upload(deps.settings.containers.datasets, `${model}/d.csv`, 'x,y\n1,2\n');
    const outcomes = await Promise.all([
      assembleRetrainSet(deps, request),
      assembleRetrainSet(deps, request),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['already_done', 'assembled']);
    expect(await listNames(deps.settings.containers.datasets, `${model}/retrain-`)).toHaveLength(1);
  });

  it('fails with a clear reason and writes no blob for a model without a spec', async () => {
    const { deps, model, request } = setup();
    await blobs.upload(deps.settings.containers.datasets, `${model}/d.csv`, 'x,y\n1,2\n');
    const err = await assembleRetrainSet(deps, request).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      category: 'invalid',
      code: 'no_spec',
      message:
        `No model spec for "${model}": upload ${deps.settings.containers.datasets}/${model}/model.json ` +
        `(at least {"target": "<column>"}) or PUT /api/models/${model}/spec, then upload this data again ` +
        `or POST /api/models/${model}/retrain: a spec added later does not train data already uploaded`,
    });
    expect(await listNames(deps.settings.containers.datasets, `${model}/retrain-`)).toEqual([]);
  });

  it('fails with a clear reason and writes no blob when there is nothing to train on', async () => {
    const { deps, model, request } = setup();
    await registry.putSpec(model, { target: 'y' });
    await storeFeedback(registry, model, { items: [{ requestId: 'unknown', actual: 1 }] });
    const err = await assembleRetrainSet(deps, request).catch((e: unknown) => e);
    expect(err).toMatchObject({
      category: 'invalid',
      code: 'no_training_data',
      details: { unknownFeedback: 1 },
    });
    expect((err as Error).message).toMatch(
      /no data drop .* and no logged prediction with feedback \(1 feedback/,
    );
    expect(await listNames(deps.settings.containers.datasets, `${model}/`)).toEqual([]);
  });

  it('refuses a window over the dataset limits instead of writing a blob training would refuse', async () => {
    const { deps, model, request } = setup();
    await registry.putSpec(model, { target: 'y' });
    // Each drop is within the limit; together they are not.
    await blobs.upload(deps.settings.containers.datasets, `${model}/d1.csv`, 'x,y\n1,2\n3,4\n');
    await blobs.upload(deps.settings.containers.datasets, `${model}/d2.csv`, 'x,y\n5,6\n7,8\n');
    const small = {
      ...deps,
      settings: { ...deps.settings, limits: { maxDatasetBytes: 1_000_000, maxDatasetRows: 3 } },
    };
    await expect(assembleRetrainSet(small, request)).rejects.toMatchObject({
      category: 'too_large',
      code: 'retrain_set_too_large',
      details: { rows: 4 },
    });
    expect(await listNames(deps.settings.containers.datasets, `${model}/retrain-`)).toEqual([]);
  });
});
