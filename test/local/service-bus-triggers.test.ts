// The local runtime drives Service Bus queue triggers with the SDK's peek-lock receiver, here
// against the test broker (a stand-in, not Azure's emulator) with a 1 s lock and 3 deliveries.
import path from 'node:path';
import { ServiceBusClient } from '@azure/service-bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostConfigFrom } from '../../src/local/host-config';
import { LocalRuntime } from '../../src/local/runtime';
import { startServiceBusTestBroker, type RunningTestBroker } from '../support/service-bus-broker/test-broker';
import { FIXTURES, memoryLogger } from '../support/runtime';
import { uniqueName } from '../support/settings';
import { waitFor } from '../support/wait';

interface Call {
  input: { id?: string; fail?: boolean; sleepMs?: number; bad?: boolean; leave?: boolean };
  triggerMetadata: Record<string, unknown>;
  finished: boolean;
}
const fixture = ((globalThis as { serviceBusFixture?: { calls: Call[] } }).serviceBusFixture ??= {
  calls: [],
});
const callsFor = (id: string): Call[] => fixture.calls.filter((c) => c.input.id === id);

const LOCK_MS = 1000;
const queue = uniqueName('jobs');
const settledQueue = uniqueName('settled');
const logger = memoryLogger();
let broker: RunningTestBroker;
let client: ServiceBusClient;
let runtime: LocalRuntime;

beforeAll(async () => {
  broker = await startServiceBusTestBroker({ lockDurationMs: LOCK_MS, maxDeliveryCount: 3 });
  client = new ServiceBusClient(broker.connectionString);
  runtime = await startFixtureApp({ extensions: { serviceBus: { maxConcurrentCalls: 4 } } });
});
/** The fixture app on the broker's queues, with this host.json. */
function startFixtureApp(hostJson: object): Promise<LocalRuntime> {
  return LocalRuntime.start({
    entry: path.join(FIXTURES, 'service-bus-app.cjs'),
    settings: {
      FIXTURE_QUEUE: queue,
      FIXTURE_SETTLED_QUEUE: settledQueue,
      FIXTURE_SERVICEBUS: broker.connectionString,
    },
    host: hostConfigFrom(hostJson),
    port: 0,
    logger,
  });
}

afterAll(async () => {
  await runtime?.stop();
  await client?.close();
  await broker?.stop();
});

const send = (body: Call['input'], to = queue) =>
  client.createSender(to).sendMessages({ body, messageId: body.id });
async function deadLetters(from = queue) {
  const receiver = client.createReceiver(from, {
    subQueueType: 'deadLetter',
    receiveMode: 'receiveAndDelete',
  });
  const got = await receiver.receiveMessages(10, { maxWaitTimeInMs: 500 });
  await receiver.close();
  return got;
}
async function leftInQueue(from = queue) {
  // Peek-lock with no settling: whatever is available now, then the lock lapses.
  const receiver = client.createReceiver(from, { maxAutoLockRenewalDurationInMs: 0 });
  const got = await receiver.receiveMessages(10, { maxWaitTimeInMs: 300 });
  await receiver.close();
  return got;
}

describe('Service Bus triggers in the local runtime', () => {
  it('invokes the function with the body and the host metadata, then completes the message', async () => {
    await send({ id: 'ok-1' });
    await waitFor('ok-1 to be handled', () => callsFor('ok-1').length === 1);
    expect(callsFor('ok-1')[0]!.triggerMetadata).toMatchObject({ messageId: 'ok-1', deliveryCount: 1 });
    await waitFor('ok-1 to be completed', () => logger.lines.some((l) => /onJob.*Succeeded/.test(l)));
    expect(await deadLetters()).toEqual([]);
  });

  it('abandons a failing message until maxDeliveryCount, then it is dead-lettered with the reason', async () => {
    await send({ id: 'poison-1', fail: true });
    await waitFor('poison-1 to be tried three times', () => callsFor('poison-1').length === 3);
    expect(callsFor('poison-1').map((c) => c.triggerMetadata.deliveryCount)).toEqual([1, 2, 3]);
    let dead: Awaited<ReturnType<typeof deadLetters>> = [];
    await waitFor('poison-1 in the dead-letter queue', async () => (dead = await deadLetters()).length > 0);
    expect(dead.map((m) => [m.messageId, m.deadLetterReason, m.body])).toEqual([
      ['poison-1', 'MaxDeliveryCountExceeded', { id: 'poison-1', fail: true }],
    ]);
    expect(logger.lines).toContainEqual(expect.stringContaining('handler failed on purpose (poison-1)'));
  });

  it('keeps the lock of a handler slower than the lock by renewing it: one delivery, completed', async () => {
    await send({ id: 'slow-1', sleepMs: LOCK_MS * 3 });
    await waitFor('slow-1 to finish', () => callsFor('slow-1')[0]?.finished === true);
    // Without renewal the lock would have lapsed twice and the message come back.
    await new Promise((r) => setTimeout(r, LOCK_MS * 1.5));
    expect(callsFor('slow-1')).toHaveLength(1);
    expect(await leftInQueue()).toEqual([]);
    expect(await deadLetters()).toEqual([]);
    expect(logger.lines.filter((l) => l.includes('could not renew'))).toEqual([]);
  });

  it('redelivers a message whose consumer died holding the lock, once the lock expires', async () => {
    // A consumer that takes the message and dies (no renewal, no settlement): an instance that stopped mid-step.
    await runtime.stop();
    await send({ id: 'orphan-1' });
    const dying = new ServiceBusClient(broker.connectionString);
    const [taken] = await dying
      .createReceiver(queue, { maxAutoLockRenewalDurationInMs: 0 })
      .receiveMessages(1, { maxWaitTimeInMs: 5000 });
    expect(taken?.messageId).toBe('orphan-1');
    await dying.close();
    runtime = await startFixtureApp({});
    await waitFor('orphan-1 to be redelivered and handled', () => callsFor('orphan-1').length === 1);
    expect(callsFor('orphan-1')[0]!.triggerMetadata).toMatchObject({ deliveryCount: 2 });
  });
});

describe('Service Bus triggers with the SDK binding in the local runtime', () => {
  it('hands the handler the message with actions; a complete settles it', async () => {
    await send({ id: 'sdk-ok-1' }, settledQueue);
    await waitFor('sdk-ok-1 to be completed', () =>
      logger.lines.some((l) => /onSettledJob.*Succeeded/.test(l)),
    );
    expect(callsFor('sdk-ok-1')).toHaveLength(1);
    expect(callsFor('sdk-ok-1')[0]!.triggerMetadata).toMatchObject({
      messageId: 'sdk-ok-1',
      deliveryCount: 1,
    });
    expect(await leftInQueue(settledQueue)).toEqual([]);
    expect(await deadLetters(settledQueue)).toEqual([]);
  });

  it('dead-letters on the first delivery with the reason and description the handler gives', async () => {
    await send({ id: 'sdk-bad-1', bad: true }, settledQueue);
    let dead: Awaited<ReturnType<typeof deadLetters>> = [];
    await waitFor(
      'sdk-bad-1 in the dead-letter queue',
      async () => (dead = await deadLetters(settledQueue)).length > 0,
    );
    expect(dead.map((m) => [m.messageId, m.deadLetterReason, m.deadLetterErrorDescription])).toEqual([
      ['sdk-bad-1', 'bad_input', 'cannot use sdk-bad-1'],
    ]);
    expect(callsFor('sdk-bad-1')).toHaveLength(1);
  });

  it.each([
    ['abandons itself', { id: 'sdk-fail-1', fail: true }],
    ['leaves it to the runtime', { id: 'sdk-fail-2', fail: true, leave: true }],
  ])(
    'redelivers a failing message whose handler %s until maxDeliveryCount, then dead-letters it',
    async (_, body) => {
      await send(body, settledQueue);
      await waitFor(`${body.id} to be tried three times`, () => callsFor(body.id).length === 3);
      let dead: Awaited<ReturnType<typeof deadLetters>> = [];
      await waitFor(
        `${body.id} in the dead-letter queue`,
        async () => (dead = await deadLetters(settledQueue)).length > 0,
      );
      expect(dead.map((m) => [m.messageId, m.deadLetterReason])).toEqual([
        [body.id, 'MaxDeliveryCountExceeded'],
      ]);
      expect(callsFor(body.id).map((c) => c.triggerMetadata.deliveryCount)).toEqual([1, 2, 3]);
    },
  );
});
