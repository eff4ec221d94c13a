// The chain on Service Bus (the test broker, a stand-in for Azure's service): bad input fails
// its run at once and its message is dead-lettered on the first delivery with the reason, and a
// step whose instance dies holding the message's lock loses nothing: the message comes back
// after the lock expires and the idempotent step does nothing twice.
import { ServiceBusClient, type ServiceBusReceivedMessage } from '@azure/service-bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIdFor } from '../../src/domain/ids';
import { startPipeline, type Pipeline } from '../support/runtime';
import { serviceBusTestConnection, uniqueName } from '../support/settings';
import { TAXI_SPEC, taxiCsv } from '../support/taxi-data';
import { waitFor } from '../support/wait';

const connectionString = serviceBusTestConnection();
const validateQueue = uniqueName('validate');
const client = new ServiceBusClient(connectionString);
// An instance that takes a message and dies: its lock is never renewed nor settled.
const dying = new ServiceBusClient(connectionString);
const dyingReceiver = dying.createReceiver(validateQueue, { maxAutoLockRenewalDurationInMs: 0 });
let p: Pipeline;
let taken: Promise<ServiceBusReceivedMessage[]>;

beforeAll(async () => {
  // Attached before the app, the dying consumer is first in line for the first validate message.
  await dyingReceiver.receiveMessages(1, { maxWaitTimeInMs: 200 });
  taken = dyingReceiver.receiveMessages(1, { maxWaitTimeInMs: 60_000 });
  p = await startPipeline({ VALIDATE_QUEUE: validateQueue }, 'servicebus');
});
afterAll(async () => {
  await p?.stop();
  await dying.close();
  await client.close();
});

const calls = (fn: string) => p.invocations.filter((i) => i.functionName === fn);

describe('pipeline on Service Bus', () => {
  it('loses no message when the validating instance dies: redelivered after lock expiry, done once', async () => {
    await p.drop('taxi', 'model.json', JSON.stringify(TAXI_SPEC));
    const etag = await p.drop('taxi', '2025-01.csv', taxiCsv({ days: 10 }));
    const runId = runIdFor('taxi/2025-01.csv', etag);
    const [orphan] = await taken;
    expect(orphan?.body).toMatchObject({ kind: 'validate', model: 'taxi', runId });
    await dying.close(); // the instance is gone; its lock runs out

    const run = await p.finishedRun('taxi', runId);
    expect(run).toMatchObject({ status: 'succeeded', version: 1 });
    // The runtime records an invocation when the function has returned; the next step, started by
    // the message it sent, can end the run before that.
    await waitFor('the validate invocation record', () => calls('validateCandidate').length > 0);
    await waitFor('the register invocation record', () => calls('registerVersion').length > 0);
    expect(calls('validateCandidate').map((i) => i.outcome)).toEqual(['Succeeded']);
    expect((await p.adapters.registry.getAlias('taxi', 'production'))?.version).toBe(1);

    // The same step delivered again (as after a lock lost mid-step) finds its work done.
    await client.createSender(validateQueue).sendMessages({ body: orphan!.body, messageId: 'redelivered' });
    await waitFor('the second validate', () => calls('validateCandidate').length === 2);
    expect(p.logLines).toContainEqual(expect.stringContaining(`taxi ${runId}: already_done`));
    expect(await p.versions('taxi')).toHaveLength(1);
    expect(calls('registerVersion')).toHaveLength(1);
  });

  it('fails the run of a bad data drop at once, naming the problem, with nothing registered', async () => {
    await p.drop('text-target', 'model.json', JSON.stringify({ ...TAXI_SPEC, validation: {} }));
    const data = 'pickup_hour,zone,trips\n2025-01-01 00:00:00,Z01,4\n2025-01-01 01:00:00,Z01,many\n';
    const etag = await p.drop('text-target', 'a.csv', data);
    const run = await p.finishedRun('text-target', runIdFor('text-target/a.csv', etag));
    expect(run.status).toBe('failed');
    expect(run.error?.message).toBe(
      'Column "trips" mixes numbers and text: data row 2 (1-based, header not counted) has "many" where most values are numbers',
    );
    expect(await p.versions('text-target')).toEqual([]);
  });

  it('dead-letters a malformed validate message on its first delivery, with the reason', async () => {
    const before = calls('validateCandidate').length;
    await p.adapters.queue.send(
      validateQueue,
      { schema: 1, kind: 'validate', model: 'taxi' },
      { messageId: 'malformed-1' },
    );
    const [dead] = await deadLettered('malformed-1');
    await waitFor('the validate invocation record', () => calls('validateCandidate').length > before);
    expect(dead).toMatchObject({
      deadLetterReason: 'bad_message',
      deadLetterErrorDescription:
        'Malformed validate-requests message: runId: Invalid input: expected string, received undefined; ' +
        'source: Invalid option: expected one of "trained"|"uploaded"',
    });
    expect(
      calls('validateCandidate')
        .slice(before)
        .map((i) => i.outcome),
    ).toEqual(['Succeeded']);
    expect(p.logLines).toContainEqual(
      expect.stringContaining(
        '[validateCandidate] Failed without retry (bad_message): Malformed validate-requests message',
      ),
    );
  });

  it('dead-letters a validate request its run cannot satisfy on the first delivery, and fails the run', async () => {
    const before = calls('validateCandidate').length;
    const runId = 'no-such-run';
    const message = { schema: 1, kind: 'validate', model: 'taxi', runId, source: 'trained' };
    await p.adapters.queue.send(validateQueue, message, { messageId: 'no-candidate-1' });
    const [dead] = await deadLettered('no-candidate-1');
    await waitFor('the validate invocation record', () => calls('validateCandidate').length > before);
    const reason = `Run ${runId} of taxi has no candidate version to validate`;
    expect(dead).toMatchObject({
      body: message,
      deadLetterReason: 'no_candidate',
      deadLetterErrorDescription: reason,
    });
    // Delivered once: not retried before it was dead-lettered.
    expect(
      calls('validateCandidate')
        .slice(before)
        .map((i) => i.outcome),
    ).toEqual(['Succeeded']);
    expect(await p.adapters.registry.getRun('taxi', runId)).toMatchObject({
      status: 'failed',
      error: { code: 'no_candidate', message: reason },
    });
  });
});

/** The dead-lettered messages with that id, once there are any (each delivered once to this reader). */
async function deadLettered(messageId: string): Promise<ServiceBusReceivedMessage[]> {
  const receiver = client.createReceiver(validateQueue, { subQueueType: 'deadLetter' });
  try {
    let found: ServiceBusReceivedMessage[] = [];
    await waitFor(`${messageId} in the dead-letter queue`, async () => {
      const got = await receiver.receiveMessages(10, { maxWaitTimeInMs: 300 });
      for (const m of got) await receiver.completeMessage(m);
      found = [...found, ...got.filter((m) => m.messageId === messageId)];
      return found.length > 0;
    });
    return found;
  } finally {
    await receiver.close();
  }
}
