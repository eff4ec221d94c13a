// The Service Bus test broker against the real SDK: the behaviours the app and its tests rely on.
import { ServiceBusClient, type ServiceBusReceiver } from '@azure/service-bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './wait';
import { startServiceBusTestBroker, type RunningTestBroker } from './service-bus-broker/test-broker';

let broker: RunningTestBroker;
let client: ServiceBusClient;
beforeAll(async () => {
  broker = await startServiceBusTestBroker({ lockDurationMs: 1500, maxDeliveryCount: 2 });
  client = new ServiceBusClient(broker.connectionString);
});
afterAll(async () => {
  await client?.close();
  await broker?.stop();
});

const receiveOne = async (receiver: ServiceBusReceiver) => {
  const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5000 });
  if (!m) throw new Error('no message arrived');
  return m;
};

describe('Service Bus test broker', () => {
  it('drops a second message with the same id (duplicate detection)', async () => {
    const sender = client.createSender('dups');
    await sender.sendMessages({ body: { n: 1 }, messageId: 'same' });
    await sender.sendMessages({ body: { n: 2 }, messageId: 'same' });
    await sender.sendMessages({ body: { n: 3 }, messageId: 'other' });
    const receiver = client.createReceiver('dups', { receiveMode: 'receiveAndDelete' });
    const got = await receiver.receiveMessages(5, { maxWaitTimeInMs: 1000 });
    expect(got.map((m) => m.body)).toEqual([{ n: 1 }, { n: 3 }]);
  });

  it('counts deliveries and dead-letters after maxDeliveryCount with the reason', async () => {
    await client.createSender('poison').sendMessages({ body: { n: 1 }, messageId: 'p1' });
    const receiver = client.createReceiver('poison');
    const first = await receiveOne(receiver);
    expect(first.deliveryCount).toBe(0);
    await receiver.abandonMessage(first);
    const second = await receiveOne(receiver);
    expect(second.deliveryCount).toBe(1);
    await receiver.abandonMessage(second);
    const dead = await receiveOne(client.createReceiver('poison', { subQueueType: 'deadLetter' }));
    expect(dead).toMatchObject({
      body: { n: 1 },
      messageId: 'p1',
      deadLetterReason: 'MaxDeliveryCountExceeded',
      deadLetterErrorDescription: 'Message could not be consumed after 2 delivery attempts.',
      deadLetterSource: 'poison',
    });
  });

  it('dead-letters on request with the reason given', async () => {
    await client.createSender('rejects').sendMessages({ body: 'x' });
    const receiver = client.createReceiver('rejects');
    await receiver.deadLetterMessage(await receiveOne(receiver), {
      deadLetterReason: 'bad_message',
      deadLetterErrorDescription: 'runId: Invalid input',
    });
    const dead = await receiveOne(client.createReceiver('rejects', { subQueueType: 'deadLetter' }));
    expect(dead).toMatchObject({
      deadLetterReason: 'bad_message',
      deadLetterErrorDescription: 'runId: Invalid input',
    });
  });

  it('redelivers after the lock expires and refuses to complete with the lost lock', async () => {
    await client.createSender('expiry').sendMessages({ body: 'x' });
    // As a consumer that died holding the lock: nothing renews it.
    const first = client.createReceiver('expiry', { maxAutoLockRenewalDurationInMs: 0 });
    const m = await receiveOne(first);
    const again = await receiveOne(client.createReceiver('expiry')); // arrives once the lock expires
    expect(again.deliveryCount).toBe(1);
    await expect(first.completeMessage(m)).rejects.toMatchObject({ code: 'MessageLockLost' });
  });

  it('keeps a renewed lock past its first expiry', async () => {
    await client.createSender('renew').sendMessages({ body: 'x' });
    const receiver = client.createReceiver('renew', { maxAutoLockRenewalDurationInMs: 0 });
    const m = await receiveOne(receiver);
    const firstExpiry = m.lockedUntilUtc!.getTime();
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 700));
      await receiver.renewMessageLock(m);
    }
    expect(m.lockedUntilUtc!.getTime()).toBeGreaterThan(firstExpiry);
    await receiver.completeMessage(m);
    const other = client.createReceiver('renew');
    expect(await other.receiveMessages(1, { maxWaitTimeInMs: 500 })).toEqual([]);
  });

  it('answers renew-lock for an unknown lock with MessageLockLost', async () => {
    await client.createSender('gone').sendMessages({ body: 'x' });
    const receiver = client.createReceiver('gone');
    const m = await receiveOne(receiver);
    await receiver.completeMessage(m);
    await expect(receiver.renewMessageLock(m)).rejects.toMatchObject({ code: 'MessageLockLost' });
  });

  it('enqueues a scheduled message at its time', async () => {
    await client
      .createSender('later')
      .sendMessages({ body: 'x', scheduledEnqueueTimeUtc: new Date(Date.now() + 800) });
    const receiver = client.createReceiver('later', { receiveMode: 'receiveAndDelete' });
    const got: unknown[] = [];
    await waitFor('the scheduled message', async () => {
      got.push(...(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).map((m) => m.body));
      return got.length > 0;
    });
    expect(got).toEqual(['x']);
  });
});
