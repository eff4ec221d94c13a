// The Service Bus adapter against the test broker (a stand-in, not Azure's emulator) through
// the real @azure/service-bus SDK.
import { randomUUID } from 'node:crypto';
import { ServiceBusClient } from '@azure/service-bus';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { ServiceBusMessageQueue } from '../../../src/platform/queue/service-bus-message-queue';
import { serviceBusClient } from '../../../src/platform/service-bus-client';
import { serviceBusTestConnection } from '../../support/settings';

const connectionString = serviceBusTestConnection();
const fresh = (): string => `q${randomUUID().replace(/-/g, '').slice(0, 20)}`;
const queues = new ServiceBusMessageQueue(
  serviceBusClient({ kind: 'connectionString', connectionString }),
  fresh(),
);
const reader = new ServiceBusClient(connectionString);
afterAll(async () => {
  await queues.close();
  await reader.close();
});

async function drain(queue: string, waitMs = 1000) {
  const receiver = reader.createReceiver(queue, { receiveMode: 'receiveAndDelete' });
  const got = await receiver.receiveMessages(10, { maxWaitTimeInMs: waitMs });
  await receiver.close();
  return got;
}

describe('ServiceBusMessageQueue', () => {
  it('sends the message as a JSON body with its messageId', async () => {
    const q = fresh();
    const message = { schema: 1, kind: 'validate', model: 'taxi', note: 'naïve ✓' };
    await queues.send(q, message, { messageId: 'validate:taxi:run-1' });
    const [got] = await drain(q);
    expect(got).toMatchObject({
      body: message,
      messageId: 'validate:taxi:run-1',
      contentType: 'application/json',
    });
  });

  it('sends the same step once: a second message with the same id is dropped by duplicate detection', async () => {
    const q = fresh();
    await queues.send(q, { schema: 1, n: 1 }, { messageId: 'register:taxi:run-1' });
    await queues.send(q, { schema: 1, n: 2 }, { messageId: 'register:taxi:run-1' });
    await queues.send(q, { schema: 1, n: 3 }, { messageId: 'register:taxi:run-2' });
    expect((await drain(q)).map((m) => m.body)).toEqual([
      { schema: 1, n: 1 },
      { schema: 1, n: 3 },
    ]);
  });

  it('holds a delayed message back until its time (a scheduled enqueue)', async () => {
    const q = fresh();
    await queues.send(q, { schema: 1 }, { delaySeconds: 2 });
    expect(await drain(q, 300)).toEqual([]);
    expect((await drain(q, 4000)).map((m) => m.body)).toEqual([{ schema: 1 }]);
  });

  it('refuses a message without an integer schema', async () => {
    await expect(queues.send(fresh(), { schema: 1.5 })).rejects.toThrow('has no integer schema field');
  });

  it('refuses a message larger than the queue takes, as too large', async () => {
    const queue = fresh();
    const err = await queues
      .send(queue, { schema: 1, padding: 'x'.repeat(300 * 1024) })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      category: 'too_large',
      code: 'message_too_large',
      message: `queue ${queue}: The message is 307285 bytes; the queue takes at most 262144.`,
    });
  });

  it('pings a namespace that answers', async () => {
    await expect(queues.ping()).resolves.toBeUndefined();
  });

  it('reports an unreachable namespace as unavailable, naming Service Bus', async () => {
    const dead = new ServiceBusMessageQueue(
      serviceBusClient({
        kind: 'connectionString',
        connectionString: connectionString.replace(/127\.0\.0\.1:\d+/, '127.0.0.1:9'),
      }),
      'validate-requests',
    );
    const err = await dead.send('validate-requests', { schema: 1 }).catch((e: unknown) => e);
    await dead.close();
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ category: 'unavailable', code: 'dependency_unavailable' });
    expect((err as AppError).message).toMatch(
      /^Service Bus is unavailable \(\w+\) while accessing queue validate-requests$/,
    );
  }, 60_000);
});
