import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import { EmulatorError, startEmulators, type EmulatorSettings } from '../../../src/local/emulators';
import { cosmosClient } from '../../../src/local/emulators/cosmos';
import { emulatorSettings } from '../../support/settings';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'emulators-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const free = { blob: 0, queue: 0, cosmos: 0 };

async function writeSome(s: EmulatorSettings): Promise<void> {
  const blobs = BlobServiceClient.fromConnectionString(s.storageConnectionString).getContainerClient('kept');
  await blobs.createIfNotExists();
  await blobs.getBlockBlobClient('a/b.txt').upload('hello', 5);
  const queue = QueueServiceClient.fromConnectionString(s.storageConnectionString).getQueueClient('kept');
  await queue.createIfNotExists();
  await queue.sendMessage('msg-1');
  const cosmos = cosmosClient(s.cosmosEndpoint);
  const { database } = await cosmos.databases.createIfNotExists({ id: 'db' });
  const { container } = await database.containers.createIfNotExists({
    id: 'c',
    partitionKey: { paths: ['/model'] },
  });
  await container.items.create({ id: 'x', model: 'm', value: 42 });
  cosmos.dispose();
}

async function readBack(s: EmulatorSettings): Promise<unknown> {
  const blobs = BlobServiceClient.fromConnectionString(s.storageConnectionString).getContainerClient('kept');
  const blob = (await blobs.getBlockBlobClient('a/b.txt').downloadToBuffer()).toString();
  const queue = QueueServiceClient.fromConnectionString(s.storageConnectionString).getQueueClient('kept');
  const peeked = await queue.peekMessages();
  const cosmos = cosmosClient(s.cosmosEndpoint);
  const { resource } = await cosmos.database('db').container('c').item('x', 'm').read<{ value: number }>();
  const { resource: def } = await cosmos.database('db').container('c').read();
  cosmos.dispose();
  return {
    blob,
    message: peeked.peekedMessageItems[0]?.messageText,
    doc: resource?.value,
    pk: def?.partitionKey?.paths,
  };
}

describe('startEmulators', () => {
  it('the global setup hands out working settings', async () => {
    const s = emulatorSettings();
    expect(s.storageConnectionString).toContain(
      `BlobEndpoint=http://127.0.0.1:${s.ports.blob}/devstoreaccount1;`,
    );
    const props = await BlobServiceClient.fromConnectionString(s.storageConnectionString).getProperties();
    expect(props.errorCode).toBeUndefined();
  });

  it('keeps blobs, queue messages and Cosmos documents across a stop and start', async () => {
    const dataDir = tempDir();
    const first = await startEmulators({ dataDir, ports: free });
    await writeSome(first);
    await first.stop();
    const second = await startEmulators({ dataDir, ports: free });
    try {
      expect(await readBack(second)).toEqual({ blob: 'hello', message: 'msg-1', doc: 42, pk: ['/model'] });
    } finally {
      await second.stop();
    }
  });

  it('saves Cosmos data within a second of a write, so a crash loses nothing acknowledged before', async () => {
    const dataDir = tempDir();
    const running = await startEmulators({ dataDir, ports: free });
    try {
      await writeSome(running);
      // vi.waitFor gives up after 1 s: the default save delay must be well inside it.
      await vi.waitFor(() => {
        const saved = JSON.parse(readFileSync(join(dataDir, 'cosmos.json'), 'utf8')) as unknown;
        expect(saved).toEqual({
          format: 1,
          databases: [
            {
              id: 'db',
              containers: [
                {
                  id: 'c',
                  partitionKey: expect.objectContaining({ paths: ['/model'] }) as unknown,
                  items: [{ id: 'x', model: 'm', value: 42 }],
                },
              ],
            },
          ],
        });
      });
    } finally {
      await running.stop();
    }
  });

  it('keeps nothing in memory mode', async () => {
    const first = await startEmulators({ ports: free });
    await writeSome(first);
    await first.stop();
    const second = await startEmulators({ ports: free });
    try {
      const cosmos = cosmosClient(second.cosmosEndpoint);
      const { resources } = await cosmos.databases.readAll().fetchAll();
      cosmos.dispose();
      expect(resources).toEqual([]);
    } finally {
      await second.stop();
    }
  });

  it.each(['blob', 'queue', 'cosmos'] as const)('names the taken %s port', async (service) => {
    const taken: Server = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', () => r()));
    const port = (taken.address() as { port: number }).port;
    const label = { blob: 'Azurite blob', queue: 'Azurite queue', cosmos: 'Cosmos DB' }[service];
    try {
      const err = await startEmulators({ ports: { ...free, [service]: port } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EmulatorError);
      expect((err as EmulatorError).code).toBe('port_in_use');
      expect((err as EmulatorError).message).toBe(
        `${label} emulator cannot listen on 127.0.0.1:${port}: the port is already in use. ` +
          'Stop the other process (another `npm start` or `npm run emulators`?) or free the port.',
      );
    } finally {
      taken.close();
    }
  });

  it.each([
    ['cosmos.json', '{"format": 1, "databases": [', 'not valid JSON'],
    ['cosmos.json', '{"format": 2}', 'unexpected content: Invalid input: expected 1'],
    ['__azurite_db_blob__.json', 'garbage', 'not valid JSON'],
    ['__azurite_db_queue__.json', '{', 'not valid JSON'],
  ])('names the corrupt file %s', async (name, content, reason) => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, name), content);
    const err = await startEmulators({ dataDir, ports: free }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmulatorError);
    expect((err as EmulatorError).code).toBe('corrupt_data');
    expect((err as EmulatorError).message).toBe(
      `Emulator data file ${join(dataDir, name)} is corrupt (${reason}). ` +
        'Run `npm run reset` to clear the local data folder.',
    );
  });
});
