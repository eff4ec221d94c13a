import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { poisonQueueName } from '../../../src/platform/ports/message-queue';
import { StorageMessageQueue } from '../../../src/platform/queue/storage-message-queue';
import { queueServiceClient } from '../../../src/platform/storage-clients';
import { emulatorSettings } from '../../support/settings';

const access = {
  kind: 'connectionString',
  connectionString: emulatorSettings().storageConnectionString,
} as const;
const service = queueServiceClient(access);
const queues = new StorageMessageQueue(service);
const fresh = (): string => `q${randomUUID().replace(/-/g, '').slice(0, 20)}`;

describe('StorageMessageQueue', () => {
  it('sends JSON encoded as base64, as the Functions queue trigger decodes it', async () => {
    const q = fresh();
    const message = { schema: 1, kind: 'validate', model: 'taxi-demand', note: 'naïve ✓' };
    await queues.send(q, message);
    const raw = await service.getQueueClient(q).receiveMessages();
    const text = raw.receivedMessageItems[0]?.messageText ?? '';
    expect(text).toBe(Buffer.from(JSON.stringify(message), 'utf8').toString('base64'));
    expect(JSON.parse(Buffer.from(text, 'base64').toString('utf8'))).toEqual(message);
  });

  it('receives decoded bodies with dequeue counts; visibility and delete work', async () => {
    const q = fresh();
    await queues.send(q, { schema: 1, n: 1 });
    const [first] = await queues.receive(q, { visibilitySeconds: 30 });
    expect(first).toMatchObject({ dequeueCount: 1, body: { schema: 1, n: 1 }, text: '{"schema":1,"n":1}' });
    expect(await queues.receive(q)).toEqual([]); // hidden while being processed
    const receipt = await queues.updateVisibility(q, first!, 0);
    const [second] = await queues.receive(q);
    expect(second).toMatchObject({ messageId: first!.messageId, dequeueCount: 2 });
    expect(receipt).not.toBe(second!.popReceipt);
    await queues.delete(q, second!);
    await queues.updateVisibility(q, second!, 0).then(
      () => expect.fail('the message was deleted'),
      (err: unknown) => expect((err as AppError).category).toBe('not_found'),
    );
    expect(await queues.receive(q)).toEqual([]);
  });

  it('moves raw text unchanged to the poison queue', async () => {
    const q = fresh();
    await queues.sendRaw(q, 'not base64 !');
    const [m] = await queues.receive(q);
    expect(m).toMatchObject({ raw: 'not base64 !', text: undefined, body: undefined });
    await queues.sendRaw(poisonQueueName(q), m!.raw);
    expect(poisonQueueName(q)).toBe(`${q}-poison`);
    const [p] = await queues.receive(`${q}-poison`);
    expect(p?.raw).toBe('not base64 !');
  });

  it('delays delivery on request', async () => {
    const q = fresh();
    await queues.send(q, { schema: 1 }, { delaySeconds: 60 });
    expect(await queues.receive(q)).toEqual([]);
    const props = await service.getQueueClient(q).getProperties();
    expect(props.approximateMessagesCount).toBe(1);
  });

  it('refuses a message without a schema version or too large for a queue', async () => {
    await expect(queues.send('x-requests', { schema: 1.5 })).rejects.toThrow(
      'Message for x-requests has no integer schema field',
    );
    await expect(queues.send('x-requests', { schema: 1, blob: 'a'.repeat(50_000) })).rejects.toThrow(
      /^Message for x-requests is 6\d{4} characters encoded; queues take at most 65536$/,
    );
  });

  it('pings; an unreachable service is unavailable', async () => {
    await queues.ping();
    const dead = new StorageMessageQueue(
      queueServiceClient(
        {
          kind: 'connectionString',
          connectionString: access.connectionString.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:9'),
        },
        { maxTries: 1, retryDelayInMs: 10, maxRetryDelayInMs: 10 },
      ),
    );
    const err = await dead.send('validate-requests', { schema: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect([(err as AppError).category, (err as AppError).message]).toEqual([
      'unavailable',
      'Queue storage is unavailable (ECONNREFUSED) while accessing queue validate-requests',
    ]);
  });
});
