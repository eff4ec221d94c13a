// With Cosmos DB down, pipeline triggers fail, are retried up to maxDequeueCount (3 here) and
// then land in their poison queue; the failure's reason is in the invocation log.
import { QueueServiceClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipeline, type Pipeline } from '../support/runtime';
import { taxiCsv } from '../support/taxi-data';
import { waitFor } from '../support/wait';
import { emulatorSettings } from '../support/settings';

const emulators = emulatorSettings();
let p: Pipeline;
beforeAll(async () => {
  p = await startPipeline({
    COSMOS_CONNECTION: `AccountEndpoint=http://127.0.0.1:9/;AccountKey=${emulators.cosmosKey};`,
  });
});
afterAll(() => p?.stop());

const queues = QueueServiceClient.fromConnectionString(emulators.storageConnectionString);
const decode = (text: string): unknown => JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
const failed = (fn: string) => p.invocations.filter((i) => i.functionName === fn && i.outcome === 'Failed');

async function poisoned(
  queue: string,
  match: (m: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  let found: Record<string, unknown> | undefined;
  await waitFor(
    `a message in ${queue}`,
    async () => {
      const peeked = await queues
        .getQueueClient(queue)
        .peekMessages({ numberOfMessages: 32 })
        .catch(() => undefined);
      found = peeked?.peekedMessageItems
        .map((m) => decode(m.messageText) as Record<string, unknown>)
        .find(match);
      return found !== undefined;
    },
    60_000,
  );
  return found!;
}

describe('transient failures', () => {
  it('retries a data drop while Cosmos DB is down, then reports it to the blob poison queue', async () => {
    const etag = await p.drop('taxi', 'a.csv', taxiCsv({ days: 2 }));
    const message = await poisoned(
      'webjobs-blobtrigger-poison',
      (m) => m.ContainerName === p.config.containers.datasets && m.BlobName === 'taxi/a.csv',
    );
    expect(message).toMatchObject({ FunctionId: 'Host.Functions.trainOnDataDrop', ETag: etag });
    expect(failed('trainOnDataDrop')).toHaveLength(3);
    expect(failed('trainOnDataDrop')[0]!.error?.message).toMatch(/Cosmos DB/);
  });

  it('retries a validate request while Cosmos DB is down, then moves it to validate-requests-poison', async () => {
    const request = {
      schema: 1,
      kind: 'validate',
      model: 'taxi',
      runId: 'run-outage',
      source: 'trained',
      version: 1,
    };
    await p.adapters.queue.send(p.config.queues.validate, request);
    const message = await poisoned(`${p.config.queues.validate}-poison`, (m) => m.runId === 'run-outage');
    expect(message).toEqual(request);
    expect(failed('validateCandidate')).toHaveLength(3);
    expect(p.logLines.some((l) => l.includes('validateCandidate') && l.includes('Cosmos DB'))).toBe(true);
  });
});
