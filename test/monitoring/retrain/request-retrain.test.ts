// The retrain policy on the real emulators: the Cosmos stand-in holds the claim, Azurite the queue.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { requestRetrain, type RetrainPolicyDeps } from '../../../src/monitoring/retrain/request-retrain';
import { RETRAIN_RECORD_ID } from '../../../src/monitoring/retrain/retrain-record';
import { settleRetrainRecord } from '../../../src/monitoring/retrain/settle-retrain-record';
import { retrainRequestSchema } from '../../../src/domain/messages';
import type { MessageQueue } from '../../../src/platform/ports/message-queue';
import type { Telemetry } from '../../../src/platform/ports/telemetry';
import { NO_TELEMETRY } from '../../../src/platform/ports/telemetry';
import { StorageMessageQueue } from '../../../src/platform/queue/storage-message-queue';
import { queueServiceClient } from '../../../src/platform/storage-clients';
import { emulatorSettings } from '../../support/settings';
import { freshRegistry } from '../../platform/registry/fixtures';

const service = queueServiceClient({
  kind: 'connectionString',
  connectionString: emulatorSettings().storageConnectionString,
});
const registry = freshRegistry();

async function queued(queue: string): Promise<unknown[]> {
  const client = service.getQueueClient(queue);
  if (!(await client.exists())) return [];
  const peeked = await client.peekMessages({ numberOfMessages: 32 });
  return peeked.peekedMessageItems.map((m) =>
    JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')),
  );
}

function setup(clock = { now: new Date('2026-11-27T10:00:00.000Z') }) {
  const events: { name: string; properties?: Record<string, string> }[] = [];
  const telemetry: Telemetry = {
    ...NO_TELEMETRY,
    event: (name, properties) => void events.push({ name, ...(properties && { properties }) }),
  };
  const sent: { messageId?: string }[] = [];
  const real = new StorageMessageQueue(service);
  const queue: MessageQueue = {
    send: async (q, message, options) => {
      sent.push({ ...(options?.messageId && { messageId: options.messageId }) });
      await real.send(q, message, options);
    },
    ping: () => real.ping(),
  };
  const deps: RetrainPolicyDeps = {
    registry,
    queue,
    retrainQueue: `retrain${randomUUID().replace(/-/g, '').slice(0, 16)}`,
    telemetry,
    now: () => clock.now,
  };
  return { deps, clock, events, sent, model: `m-${randomUUID().slice(0, 8)}` };
}

const ask = (model: string, reason = '4 of 7 features drifted') =>
  ({ model, trigger: 'drift', reason, driftReportId: 'drift:2026-11-27T10:00:00.000Z' }) as const;

describe('requestRetrain', () => {
  it('of several concurrent callers, exactly one sends, with the slot key as message id', async () => {
    const { deps, model, sent, events } = setup();
    const decisions = await Promise.all(
      Array.from({ length: 8 }, () => requestRetrain(deps, ask(model), 60)),
    );
    expect(decisions.filter((d) => d.sent)).toHaveLength(1);
    for (const d of decisions.filter((x) => !x.sent)) expect(d.reason).toMatch(/being sent|cooldown|race/);
    const messages = await queued(deps.retrainQueue);
    expect(messages).toHaveLength(1);
    expect(retrainRequestSchema.parse(messages[0])).toEqual({
      schema: 1,
      kind: 'retrain',
      model,
      trigger: 'drift',
      reason: '4 of 7 features drifted',
      driftReportId: 'drift:2026-11-27T10:00:00.000Z',
      requestedAt: '2026-11-27T10:00:00.000Z',
    });
    expect(sent).toEqual([{ messageId: `retrain-${model}-20261127T100000000Z` }]);
    expect(events).toEqual([
      {
        name: 'RetrainRequested',
        properties: {
          model,
          trigger: 'drift',
          reason: '4 of 7 features drifted',
          driftReportId: 'drift:2026-11-27T10:00:00.000Z',
        },
      },
    ]);
    const record = await registry.getMonitoring(model, RETRAIN_RECORD_ID);
    expect(record?.body).toMatchObject({ state: 'sent', requestedAt: '2026-11-27T10:00:00.000Z' });
  });

  it('suppresses asks inside the cooldown (as a later timer tick or a restart would make) and sends after it', async () => {
    const { deps, model, clock } = setup();
    expect((await requestRetrain(deps, ask(model), 60)).sent).toBe(true);
    clock.now = new Date('2026-11-27T10:59:59.000Z');
    const suppressed = await requestRetrain(
      { ...deps },
      { model, trigger: 'live_error', reason: 'rmse 41 > 30' },
      60,
    );
    expect(suppressed).toMatchObject({
      sent: false,
      trigger: 'live_error',
      nextAllowedAt: '2026-11-27T11:00:00.000Z',
    });
    clock.now = new Date('2026-11-27T11:00:00.000Z');
    expect(await requestRetrain(deps, ask(model, 'again'), 60)).toEqual({
      sent: true,
      trigger: 'drift',
      reason: 'again',
      requestedAt: '2026-11-27T11:00:00.000Z',
    });
    expect(await queued(deps.retrainQueue)).toHaveLength(2);
  });

  it('honours a manual ask inside the cooldown once the queued one was handled, not before', async () => {
    const { deps, model, clock } = setup();
    await requestRetrain(deps, ask(model), 60);
    clock.now = new Date('2026-11-27T10:10:00.000Z');
    const manual = { model, trigger: 'manual', reason: 'new data' } as const;
    expect(await requestRetrain(deps, manual, 60)).toMatchObject({
      sent: false,
      nextAllowedAt: '2026-11-27T11:00:00.000Z',
    });
    await settleRetrainRecord(
      registry,
      { model, requestedAt: '2026-11-27T10:00:00.000Z' },
      { state: 'assembled', blobName: 'x' },
    );
    expect(await requestRetrain(deps, manual, 60)).toMatchObject({
      sent: true,
      requestedAt: '2026-11-27T10:10:00.000Z',
    });
    expect(await requestRetrain(deps, ask(model), 60)).toMatchObject({
      sent: false,
      nextAllowedAt: '2026-11-27T11:10:00.000Z',
    });
  });

  it('releases the claim when the send fails, so the next ask is not suppressed', async () => {
    const { deps, model } = setup();
    const down: MessageQueue = {
      send: () => Promise.reject(new Error('queue down')),
      ping: () => Promise.reject(new Error('queue down')),
    };
    await expect(requestRetrain({ ...deps, queue: down }, ask(model), 60)).rejects.toThrow('queue down');
    expect((await registry.getMonitoring(model, RETRAIN_RECORD_ID))?.body).toMatchObject({
      state: 'released',
    });
    expect((await requestRetrain(deps, ask(model), 60)).sent).toBe(true);
    expect(await queued(deps.retrainQueue)).toHaveLength(1);
  });

  it('sends a claim whose sender died again, with the same key, after its lease', async () => {
    const { deps, model, clock, sent } = setup();
    // A sender that claims and then never sends nor releases: what a crash leaves.
    const dies: MessageQueue = { send: () => new Promise(() => undefined), ping: () => Promise.resolve() };
    void requestRetrain({ ...deps, queue: dies }, ask(model, 'first'), 60);
    await expect
      .poll(async () => (await registry.getMonitoring(model, RETRAIN_RECORD_ID))?.body)
      .toMatchObject({ state: 'claimed' });
    clock.now = new Date('2026-11-27T10:01:00.000Z');
    expect((await requestRetrain(deps, ask(model, 'second'), 60)).sent).toBe(false);
    clock.now = new Date('2026-11-27T10:02:00.000Z');
    expect(await requestRetrain(deps, ask(model, 'second'), 60)).toMatchObject({
      sent: true,
      reason: 'first',
      requestedAt: '2026-11-27T10:00:00.000Z',
    });
    expect(sent).toEqual([{ messageId: `retrain-${model}-20261127T100000000Z` }]);
  });
});
