import path from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostConfigFrom } from '../../src/local/host-config';
import { LocalRuntime } from '../../src/local/runtime';
import { FIXTURES, memoryLogger } from '../support/runtime';
import { emulatorSettings, uniqueName } from '../support/settings';
import { waitFor } from '../support/wait';

interface Call {
  fn: string;
  input: unknown;
  triggerMetadata?: Record<string, unknown>;
  retryContext?: { retryCount: number; maxRetryCount: number };
}
const fixture = ((globalThis as { localRuntimeFixture?: { calls: Call[] } }).localRuntimeFixture ??= {
  calls: [],
});
const calls = (fn: string): Call[] => fixture.calls.filter((c) => c.fn === fn);

const { storageConnectionString } = emulatorSettings();
const container = uniqueName('drops');
const queueName = uniqueName('jobs');
const settings = {
  AzureWebJobsStorage: storageConnectionString,
  AzureFunctionsWebHost__hostid: uniqueName('host'),
  FIXTURE_CONTAINER: container,
  FIXTURE_QUEUE: queueName,
  FIXTURE_SCHEDULE: '*/1 * * * * *',
  LOCAL_FUNCTION_KEY: 'fn-key',
  LOCAL_ADMIN_KEY: 'admin-key',
};
const host = hostConfigFrom({
  extensions: {
    queues: {
      maxPollingInterval: '00:00:00.200',
      visibilityTimeout: '00:00:00',
      maxDequeueCount: 3,
      batchSize: 4,
    },
  },
});
const blobs = BlobServiceClient.fromConnectionString(storageConnectionString).getContainerClient(container);
const queues = QueueServiceClient.fromConnectionString(storageConnectionString);
const logger = memoryLogger();
let runtime: LocalRuntime;

const start = (): Promise<LocalRuntime> =>
  LocalRuntime.start({
    entry: path.join(FIXTURES, 'triggers-app.cjs'),
    settings,
    host,
    port: 0,
    logger,
    blobScanIntervalMs: 100,
  });

beforeAll(async () => {
  runtime = await start();
});
afterAll(() => runtime?.stop());

const drops = (name: string): Call[] => calls('onDrop').filter((c) => c.triggerMetadata?.name === name);
const upload = (name: string, text: string) =>
  blobs.getBlockBlobClient(name).upload(text, Buffer.byteLength(text));
const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64');
const decode = (text: string): unknown => JSON.parse(Buffer.from(text, 'base64').toString('utf8'));

describe('blob trigger', () => {
  it('fires once per blob version with the content and host trigger metadata, and not after a restart', async () => {
    const uploaded = await upload('taxi/a.csv', 'x,y\n1,2\n');
    await waitFor('first drop', () => drops('a.csv').length === 1);
    const first = drops('a.csv')[0]!;
    expect(Buffer.isBuffer(first.input)).toBe(true);
    expect((first.input as Buffer).toString()).toBe('x,y\n1,2\n');
    expect(first.triggerMetadata).toMatchObject({
      name: 'a.csv',
      model: 'taxi',
      blobTrigger: `${container}/taxi/a.csv`,
      uri: blobs.getBlobClient('taxi/a.csv').url,
      properties: { contentLength: 8, eTag: uploaded.etag },
    });

    // A later drop being handled proves scans passed over a.csv again without refiring it.
    await upload('taxi/b.csv', 'x\n1\n');
    await waitFor('second drop', () => drops('b.csv').length === 1);
    expect(drops('a.csv')).toHaveLength(1);

    await upload('taxi/a.csv', 'x,y\n3,4\n');
    await waitFor('changed drop', () => drops('a.csv').length === 2);
    expect((drops('a.csv')[1]!.input as Buffer).toString()).toBe('x,y\n3,4\n');

    await runtime.stop();
    runtime = await start();
    await upload('taxi/c.csv', 'x\n2\n');
    await waitFor('drop after restart', () => drops('c.csv').length === 1);
    expect(drops('a.csv')).toHaveLength(2);
    expect(drops('b.csv')).toHaveLength(1);
  });

  it('retries a failing blob up to maxDequeueCount, then reports it to webjobs-blobtrigger-poison', async () => {
    const uploaded = await upload('taxi/bad.csv', 'broken');
    await waitFor('three attempts', () => drops('bad.csv').length === 3);
    expect(drops('bad.csv').map((c) => c.retryContext?.retryCount)).toEqual([0, 1, 2]);
    const poison = queues.getQueueClient('webjobs-blobtrigger-poison');
    let found: unknown;
    await waitFor('blob poison message', async () => {
      if (!(await poison.exists())) return false;
      const peeked = await poison.peekMessages({ numberOfMessages: 32 });
      found = peeked.peekedMessageItems
        .map((m) => decode(m.messageText))
        .find((m) => (m as { ContainerName: string }).ContainerName === container);
      return found !== undefined;
    });
    expect(found).toEqual({
      Type: 'BlobTrigger',
      FunctionId: 'Host.Functions.onDrop',
      BlobType: 'BlockBlob',
      ContainerName: container,
      BlobName: 'taxi/bad.csv',
      ETag: uploaded.etag,
    });
  });
});

describe('queue trigger', () => {
  it('hands the parsed JSON to the handler with the dequeue count and writes the return output', async () => {
    await queues.getQueueClient(queueName).sendMessage(b64({ schema: 1, model: 'taxi' }));
    await waitFor('message', () =>
      calls('onMessage').some((c) => (c.input as { model?: string }).model === 'taxi'),
    );
    const call = calls('onMessage').find((c) => (c.input as { model?: string }).model === 'taxi')!;
    expect(call.input).toEqual({ schema: 1, model: 'taxi' });
    expect(call.triggerMetadata).toMatchObject({
      dequeueCount: 1,
      queueTrigger: { schema: 1, model: 'taxi' },
    });
    const out = queues.getQueueClient(`${queueName}-out`);
    let echoed: unknown;
    await waitFor('output message', async () => {
      const peeked = await out.peekMessages();
      echoed = peeked.peekedMessageItems[0] && decode(peeked.peekedMessageItems[0].messageText);
      return echoed !== undefined;
    });
    expect(echoed).toEqual({ echoed: { schema: 1, model: 'taxi' } });
    expect(logger.lines.some((l) => l.startsWith('info [onMessage] processed'))).toBe(true);
  });

  it('retries a throwing handler and moves the message to {queue}-poison after maxDequeueCount', async () => {
    const failing = { schema: 1, fail: true, id: uniqueName('m') };
    await queues.getQueueClient(queueName).sendMessage(b64(failing));
    const attempts = (): Call[] =>
      calls('onMessage').filter((c) => (c.input as { id?: string }).id === failing.id);
    await waitFor('three attempts', () => attempts().length === 3);
    expect(attempts().map((c) => c.triggerMetadata?.dequeueCount)).toEqual([1, 2, 3]);
    const poison = queues.getQueueClient(`${queueName}-poison`);
    let poisoned: unknown;
    await waitFor('poison message', async () => {
      // The poison queue is created by the move itself, so it may not exist yet.
      if (!(await poison.exists())) return false;
      const peeked = await poison.peekMessages();
      poisoned = peeked.peekedMessageItems[0] && decode(peeked.peekedMessageItems[0].messageText);
      return poisoned !== undefined;
    });
    expect(poisoned).toEqual(failing);
    const left = await queues.getQueueClient(queueName).peekMessages();
    expect(left.peekedMessageItems).toHaveLength(0);
    expect(attempts()).toHaveLength(3);
  });
});

describe('timer trigger', () => {
  it('runs runOnStartup timers at start and fires on a six-field schedule from a %setting%', async () => {
    expect(calls('startup').length).toBeGreaterThanOrEqual(1);
    await waitFor('a tick', () => calls('tick').length >= 1);
    expect(calls('tick')[0]!.input).toMatchObject({
      schedule: { adjustForDST: true },
      scheduleStatus: { next: expect.any(String), last: expect.any(String) },
      isPastDue: expect.any(Boolean),
    });
  });
});

describe('timer schedule status', () => {
  it('runs a timer missed while stopped once at start, past due, and records the next run', async () => {
    expect(calls('nightly')).toHaveLength(0);
    const hosts =
      BlobServiceClient.fromConnectionString(storageConnectionString).getContainerClient(
        'azure-webjobs-hosts',
      );
    const blob = hosts.getBlockBlobClient(`timers/${settings.AzureFunctionsWebHost__hostid}/nightly/status`);
    const recorded = JSON.parse((await blob.downloadToBuffer()).toString()) as { Next: string };
    expect(new Date(recorded.Next).getUTCHours()).toBe(3);

    await runtime.stop();
    const missed = new Date(Date.now() - 3_600_000).toISOString();
    const text = JSON.stringify({ Last: missed, Next: missed, LastUpdated: missed });
    await blob.upload(text, text.length);
    runtime = await start();
    await waitFor('past-due run', () => calls('nightly').length === 1);
    expect(calls('nightly')[0]!.input).toMatchObject({ isPastDue: true, scheduleStatus: { last: missed } });
    await waitFor('status update', async () => {
      const after = JSON.parse((await blob.downloadToBuffer()).toString()) as { Last: string; Next: string };
      return after.Last === missed && new Date(after.Next) > new Date();
    });
  });
});

describe('admin invoke', () => {
  it('runs a queue function on demand with the body input and answers 202', async () => {
    const res = await fetch(`${runtime.url}/admin/functions/onMessage`, {
      method: 'POST',
      headers: { 'x-functions-key': 'admin-key', 'content-type': 'application/json' },
      body: JSON.stringify({ input: '{"schema":1,"model":"on-demand"}' }),
    });
    expect(res.status).toBe(202);
    await waitFor('on-demand run', () =>
      calls('onMessage').some((c) => (c.input as { model?: string }).model === 'on-demand'),
    );
  });

  it('runs a timer function on demand', async () => {
    const before = calls('startup').length;
    const res = await fetch(`${runtime.url}/admin/functions/startup`, {
      method: 'POST',
      headers: { 'x-functions-key': 'admin-key', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(202);
    await waitFor('on-demand timer run', () => calls('startup').length === before + 1);
  });

  it('answers 404 for an unknown function', async () => {
    const res = await fetch(`${runtime.url}/admin/functions/nope`, {
      method: 'POST',
      headers: { 'x-functions-key': 'admin-key' },
    });
    expect(res.status).toBe(404);
  });
});
