// Each trigger kind's runner as registered with app.*: a handler that throws is settled by the
// outcome table (a missing version fails for good, an alias race is retried).
import { app, InvocationContext } from '@azure/functions';
import type { ServiceBusReceivedMessage } from '@azure/service-bus';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/errors';
import { pipelineBlobTrigger } from '../../src/functions/blob-trigger';
import { pipelineQueueTrigger } from '../../src/functions/queue-trigger';
import { pipelineTimer } from '../../src/functions/timer-trigger';

const missingVersion = new AppError('not_found', 'version_not_found', 'Drift check of "taxi": no version 9');
const aliasRace = new AppError('conflict', 'alias_contention', 'The production alias of taxi kept changing');
const context = () => new InvocationContext({ functionName: 'checkModelDrift', invocationId: 'inv-1' });

type Handler = (input: unknown, context: InvocationContext) => Promise<unknown>;
/** Spies on one app.* registration and hands back its options. */
function capture(method: 'storageQueue' | 'serviceBusQueue' | 'storageBlob' | 'timer'): () => {
  handler: Handler;
  [option: string]: unknown;
} {
  const spy = vi.spyOn(app, method).mockImplementation(() => undefined);
  return () => spy.mock.calls[0]![1] as unknown as { handler: Handler };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('pipelineQueueTrigger on Storage queues', () => {
  it.each([
    ['completes a missing version (the reason is on the run)', missingVersion, 'resolves'],
    ['rethrows an alias race, so the message is redelivered', aliasRace, 'rejects'],
  ])('%s', async (_, error, settles) => {
    vi.stubEnv('PIPELINE_TRANSPORT', 'storage');
    const options = capture('storageQueue');
    pipelineQueueTrigger('checkModelDrift', 'DRIFT_QUEUE', () => Promise.reject(error));
    expect(options()).toMatchObject({ queueName: '%DRIFT_QUEUE%', connection: 'AzureWebJobsStorage' });
    const run = options().handler({ model: 'taxi' }, context());
    if (settles === 'resolves') await expect(run).resolves.toBeUndefined();
    else await expect(run).rejects.toBe(error);
  });
});

describe('pipelineQueueTrigger on Service Bus', () => {
  it.each([
    [
      'dead-letters a missing version with its reason',
      missingVersion,
      [['deadletter', 'm1', undefined, { value: 'version_not_found' }, { value: missingVersion.message }]],
    ],
    ['abandons an alias race, so the message is redelivered', aliasRace, [['abandon', 'm1']]],
  ])('%s', async (_, error, expected) => {
    vi.stubEnv('PIPELINE_TRANSPORT', 'servicebus');
    const options = capture('serviceBusQueue');
    pipelineQueueTrigger('checkModelDrift', 'DRIFT_QUEUE', () => Promise.reject(error));
    expect(options()).toMatchObject({
      queueName: '%DRIFT_QUEUE%',
      sdkBinding: true,
      autoCompleteMessages: false,
    });
    const calls: unknown[][] = [];
    const record =
      (name: string) =>
      (m: ServiceBusReceivedMessage, ...rest: unknown[]): Promise<void> => {
        calls.push([name, m.messageId, ...rest]);
        return Promise.resolve();
      };
    const actions = {
      complete: record('complete'),
      abandon: record('abandon'),
      deadletter: record('deadletter'),
    };
    const message = { body: '{}', messageId: 'm1' } as ServiceBusReceivedMessage;
    await options()
      .handler({ messages: message, actions }, context())
      .catch((e: unknown) => expect(e).toBe(error));
    expect(calls).toEqual(expected);
  });
});

describe('pipelineBlobTrigger and pipelineTimer', () => {
  it.each([
    ['storageBlob', 'a missing version', missingVersion, 'resolves'],
    ['storageBlob', 'an alias race', aliasRace, 'rejects'],
    ['timer', 'a missing version', missingVersion, 'resolves'],
    ['timer', 'an alias race', aliasRace, 'rejects'],
  ] as const)('%s: %s %s', async (method, _, error, settles) => {
    const options = capture(method);
    if (method === 'storageBlob')
      pipelineBlobTrigger('trainOnDataDrop', 'DATASETS_CONTAINER', () => Promise.reject(error));
    else pipelineTimer('monitorDrift', 'DRIFT_SCHEDULE', () => Promise.reject(error));
    expect(options()).toMatchObject(
      method === 'storageBlob'
        ? { path: '%DATASETS_CONTAINER%/{model}/{name}', connection: 'AzureWebJobsStorage' }
        : { schedule: '%DRIFT_SCHEDULE%' },
    );
    const run = options().handler(Buffer.from(''), context());
    if (settles === 'resolves') await expect(run).resolves.toBeUndefined();
    else await expect(run).rejects.toBe(error);
  });
});
