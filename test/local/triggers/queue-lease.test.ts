// The queue trigger's lease: a short visibility timeout renewed while the handler runs, so a
// long handler keeps its message to itself and a killed runtime's message comes back soon after.
// Leases of 2 s keep the test short; the time limits are generous and assert behaviour only.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { hostConfigFrom } from '../../../src/local/host-config';
import { LocalRuntime } from '../../../src/local/runtime';
import { TEST_KEYS } from '../../support/keys';
import { FIXTURES, memoryLogger } from '../../support/runtime';
import { uniqueName } from '../../support/settings';
import { waitFor } from '../../support/wait';

interface Call {
  id: string;
  dequeueCount: number;
  at: number;
}
const fixture = ((globalThis as { localRuntimeFixture?: { calls: Call[] } }).localRuntimeFixture ??= {
  calls: [],
});
const callsOf = (id: string): Call[] => fixture.calls.filter((c) => c.id === id);

const ROOT = path.resolve(__dirname, '..', '..', '..');
const LEASE_SECONDS = 2;
const { storageConnectionString } = inject('emulators');
const queues = QueueServiceClient.fromConnectionString(storageConnectionString);
const host = hostConfigFrom({
  extensions: { queues: { maxPollingInterval: '00:00:00.200', visibilityTimeout: '00:00:00' } },
});
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64');

const settingsFor = (queueName: string): Record<string, string> => ({
  ...TEST_KEYS,
  AzureWebJobsStorage: storageConnectionString,
  AzureFunctionsWebHost__hostid: uniqueName('host'),
  FIXTURE_QUEUE: queueName,
});

const runtimes: LocalRuntime[] = [];
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(runtimes.map((r) => r.stop()));
});

async function startRuntime(queueName: string, logger = memoryLogger()): Promise<LocalRuntime> {
  const runtime = await LocalRuntime.start({
    entry: path.join(FIXTURES, 'queue-lease-app.cjs'),
    settings: settingsFor(queueName),
    host,
    port: 0,
    logger,
    queueLeaseSeconds: LEASE_SECONDS,
  });
  runtimes.push(runtime);
  return runtime;
}

/** Messages in the queue, visible or not (Azurite counts exactly). */
async function messageCount(queue: QueueClient): Promise<number> {
  return (await queue.getProperties()).approximateMessagesCount ?? 0;
}

describe('queue lease', () => {
  it('keeps a long handler’s message hidden past the first lease, delivering it once', async () => {
    const queueName = uniqueName('lease');
    const queue = queues.getQueueClient(queueName);
    const logger = memoryLogger();
    const runtime = await startRuntime(queueName, logger);
    const id = uniqueName('long');
    await queue.sendMessage(b64({ id, holdMs: 4 * LEASE_SECONDS * 1000 }));
    await waitFor('the handler to start', () => callsOf(id).length === 1);

    // Past twice the first lease, the handler still runs and its message stays invisible.
    await sleep(2 * LEASE_SECONDS * 1000 + 500);
    expect((await queue.peekMessages()).peekedMessageItems).toEqual([]);
    expect(await messageCount(queue)).toBe(1);

    await waitFor('the message to be deleted', async () => (await messageCount(queue)) === 0);
    expect(callsOf(id).map((c) => c.dequeueCount)).toEqual([1]);
    expect(logger.lines.filter((l) => l.startsWith('warn') || l.startsWith('error'))).toEqual([]);
    await runtime.stop();
  });

  it('lets the message of a runtime killed mid-handler reappear within about one lease', async () => {
    const entry = path.join(ROOT, 'dist/src/local/runtime.js');
    if (!existsSync(entry)) throw new Error('run `npm run build` first');
    const queueName = uniqueName('killed');
    const queue = queues.getQueueClient(queueName);
    await queue.create();
    const child = spawn(process.execPath, [path.join(FIXTURES, 'queue-lease-runtime.cjs')], {
      env: { ...process.env, FIXTURE_SETTINGS: JSON.stringify(settingsFor(queueName)) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await waitFor('the runtime process to start', () => {
      if (child.exitCode !== null) throw new Error(`the runtime process exited:\n${out}`);
      return out.includes('started\n');
    });

    const id = uniqueName('hang');
    await queue.sendMessage(b64({ id, hangFirst: true }));
    await waitFor('the first delivery', () => out.includes(`handling ${id} 1\n`));
    child.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();

    await startRuntime(queueName);
    await waitFor('the message to come back', () => callsOf(id).length === 1, 30_000);
    const [again] = callsOf(id);
    expect(again!.dequeueCount).toBe(2);
    // Hidden for the rest of one lease (2 s), then picked up by a poll: far from the old 10 min.
    expect(again!.at - killedAt).toBeLessThan(20_000);
    await waitFor('the message to be deleted', async () => (await messageCount(queue)) === 0);
  });
});
