// Retraining through the local runtime: a retrain asked by hand assembles the data drops and the
// feedback-labelled logged predictions into one new drop, which trains a new version whose
// lineage says why; and the retrain route's and consumer's bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTaxiDemand } from '../../src/datagen/taxi-demand';
import { requestRetrain } from '../../src/monitoring/retrain/request-retrain';
import { RETRAIN_RECORD_ID, retrainBlobName } from '../../src/monitoring/retrain/retrain-record';
import { runIdFor } from '../../src/domain/ids';
import type { MessageQueue } from '../../src/platform/ports/message-queue';
import { NO_TELEMETRY } from '../../src/platform/ports/telemetry';
import { queueServiceClient } from '../../src/platform/storage-clients';
import { call, FEEDBACK_KEY, OPERATOR_KEY } from '../serving/registry-api/api-client';
import { startPipeline, type Pipeline } from '../support/runtime';
import { emulatorSettings } from '../support/settings';
import { TAXI_SPEC, taxiCsv } from '../support/taxi-data';
import { waitFor } from '../support/wait';

let p: Pipeline;
beforeAll(async () => {
  p = await startPipeline();
});
afterAll(() => p?.stop());

const postRetrain = (model: string, body?: unknown) =>
  call(p, 'POST', `/models/${model}/retrain`, { key: OPERATOR_KEY, ...(body !== undefined && { body }) });

async function blobExists(container: string, name: string): Promise<boolean> {
  return (await p.adapters.blobs.tryGetProperties(container, name)) !== undefined;
}

describe('retrain', () => {
  it('trains a new version on the drops plus feedback-labelled logged rows, recording why', async () => {
    await p.drop('taxi', 'model.json', JSON.stringify(TAXI_SPEC));
    const etag = await p.drop('taxi', '2025-01.csv', taxiCsv());
    expect(await p.finishedRun('taxi', runIdFor('taxi/2025-01.csv', etag), 120_000)).toMatchObject({
      status: 'succeeded',
      version: 1,
    });

    // Predictions for later days, then their true counts as feedback.
    const later = [...generateTaxiDemand({ start: '2025-02-01', days: 1, zones: 2, seed: 11 })];
    const rows = later.map(({ trips: _trips, ...inputs }) => inputs);
    const predicted = await call(p, 'POST', '/models/taxi/predict', { body: { rows } });
    expect(predicted.status).toBe(200);
    const requestId = String(predicted.json.requestId);
    const feedback = await call(p, 'POST', '/models/taxi/feedback', {
      key: FEEDBACK_KEY,
      body: { items: later.map((r, row) => ({ requestId, row, actual: r.trips })) },
    });
    expect(feedback.status).toBe(200);
    await waitFor('the prediction log flush', async () => {
      for await (const _ of p.adapters.blobs.list(p.config.containers.predictionLogs, 'taxi/')) return true;
      return false;
    });

    const asked = await postRetrain('taxi', { reason: 'a new month of data' });
    expect(asked.status).toBe(202);
    expect(asked.json).toMatchObject({ sent: true, trigger: 'manual', reason: 'a new month of data' });
    const blobName = retrainBlobName('taxi', String(asked.json.requestedAt));
    await waitFor('the retrain data blob', () => blobExists(p.config.containers.datasets, blobName), 60_000);
    const info = await p.adapters.blobs.getProperties(p.config.containers.datasets, blobName);
    const run = await p.finishedRun('taxi', runIdFor(blobName, info.etag), 120_000);
    // Through the whole chain: promoted if it beat production on the gates, else rejected.
    expect(run.status === 'succeeded' || run.error?.code === 'rejected', JSON.stringify(run.error)).toBe(
      true,
    );
    expect(run).toMatchObject({
      version: 2,
      trigger: { kind: 'retrain', blobName, reason: 'a new month of data', retrainTrigger: 'manual' },
    });
    const v2 = await p.adapters.registry.getVersion('taxi', 2);
    expect(v2?.lineage).toMatchObject({
      blobName,
      rows: 20 * 4 * 24 + later.length,
      retrain: { trigger: 'manual', reason: 'a new month of data', requestedAt: asked.json.requestedAt },
    });
    expect(v2?.status).toBe(run.status === 'succeeded' ? 'production' : 'rejected');
    // Redeliveries aside, one ask made exactly one data blob.
    const names: string[] = [];
    for await (const b of p.adapters.blobs.list(p.config.containers.datasets, 'taxi/retrain-'))
      names.push(b.name);
    expect(names).toEqual([blobName]);
  }, 300_000);

  it('answers 409 with nextAllowedAt while an earlier ask is queued inside the cooldown', async () => {
    await p.adapters.registry.putSpec('cool', { target: 'y' });
    // A drift ask whose message is still waiting in a queue nobody reads.
    const parked: MessageQueue = { send: () => Promise.resolve(), ping: () => Promise.resolve() };
    const first = await requestRetrain(
      { registry: p.adapters.registry, queue: parked, retrainQueue: 'parked', telemetry: NO_TELEMETRY },
      { model: 'cool', trigger: 'drift', reason: 'temp drifted' },
      60,
    );
    expect(first.sent).toBe(true);
    const res = await postRetrain('cool');
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: 'retrain_cooldown', details: { model: 'cool' } });
    expect(res.json.error?.message).toMatch(/temp drifted.*still queued/);
    const next = Date.parse(String(res.json.error?.details?.nextAllowedAt));
    expect(next - Date.parse(first.sent ? first.requestedAt : '')).toBe(60 * 60_000);
  });

  it('answers 404 for an unknown model, 409 for a model without a spec, 400 for a bad body', async () => {
    expect((await postRetrain('nobody')).json.error?.code).toBe('model_not_found');
    expect((await postRetrain('nobody')).status).toBe(404);

    const etag = await p.drop('nospec', 'd.csv', 'x,y\n1,2\n');
    await p.finishedRun('nospec', runIdFor('nospec/d.csv', etag));
    const noSpec = await postRetrain('nospec');
    expect(noSpec.status).toBe(409);
    expect(noSpec.json.error?.code).toBe('no_spec');

    const bad = await postRetrain('taxi', { reason: 5, force: true });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.error?.details)).toMatch(/reason.*force|force.*reason/);
  });

  it('fails a request with nothing to train on at once, writing no blob; a later manual ask is honoured', async () => {
    await p.adapters.registry.putSpec('empty', { target: 'y' });
    const asked = await postRetrain('empty');
    expect(asked.status).toBe(202);
    await waitFor('the retrain record to say failed', async () => {
      const doc = await p.adapters.registry.getMonitoring('empty', RETRAIN_RECORD_ID);
      return (doc?.body as { state?: string } | undefined)?.state === 'failed';
    });
    expect(p.logLines.join('\n')).toMatch(
      /\[assembleRetrainSet\] Failed without retry \(no_training_data\): Nothing to retrain "empty"/,
    );
    expect(
      await blobExists(
        p.config.containers.datasets,
        retrainBlobName('empty', String(asked.json.requestedAt)),
      ),
    ).toBe(false);
    expect((await postRetrain('empty')).status).toBe(202);
  });

  it('fails a malformed retrain message at once, without retries or a poison message', async () => {
    await p.adapters.queue.send(p.config.queues.retrain, { schema: 1, kind: 'retrain', model: 'taxi' });
    await waitFor('the malformed message to be handled', () =>
      p.logLines.some((l) =>
        l.includes('Failed without retry (bad_message): Malformed retrain-requests message'),
      ),
    );
    const retrainInvocations = () => p.invocations.filter((i) => i.functionName === 'assembleRetrainSet');
    const before = retrainInvocations().length;
    await p.adapters.queue.send(p.config.queues.retrain, {
      schema: 1,
      kind: 'retrain',
      model: 'taxi',
      reason: 'x',
      requestedAt: 'soon',
    });
    await waitFor('the second malformed message to be handled', () =>
      p.logLines.some((l) => l.includes('requestedAt: Invalid ISO datetime')),
    );
    await waitFor('its invocation record', () => retrainInvocations().length > before);
    // Handled once: a retry would log the failure again; the host saw no failed invocation.
    expect(p.logLines.filter((l) => l.includes('requestedAt: Invalid ISO datetime'))).toHaveLength(1);
    expect(retrainInvocations().every((i) => i.outcome === 'Succeeded')).toBe(true);
    const poison = queueServiceClient({
      kind: 'connectionString',
      connectionString: emulatorSettings().storageConnectionString,
    }).getQueueClient(`${p.config.queues.retrain}-poison`);
    expect(await poison.exists()).toBe(false);
  });
});
