import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config';
import { createAdapters, type Adapters } from '../../src/platform/adapters';

/** Each adapter's ping, as the health endpoint calls them. */
async function pingAll(adapters: Adapters): Promise<Record<string, { ok: boolean; error?: string }>> {
  const ping = async (fn: () => Promise<void>) => {
    try {
      await fn();
      return { ok: true };
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
  };
  return {
    blob: await ping(() => adapters.blobs.ping()),
    queue: await ping(() => adapters.queue.ping()),
    cosmos: await ping(() => adapters.registry.ping()),
  };
}
import { emulatorEnv } from '../support/settings';

describe('createAdapters', () => {
  it('builds working adapters from the config and reports them healthy', async () => {
    const adapters = createAdapters(loadConfig({ ...emulatorEnv(), COSMOS_DATABASE: 'adapters-test' }));
    expect(await pingAll(adapters)).toEqual({
      blob: { ok: true },
      queue: { ok: true },
      cosmos: { ok: true },
    });
    await adapters.blobs.upload('adapters-test', 'x.txt', 'x');
    await adapters.queue.send('adapters-test', { schema: 1 });
    expect(await adapters.registry.listModels()).toEqual([]);
  });

  it('names each unreachable dependency', async () => {
    const env = emulatorEnv();
    const dead = {
      AzureWebJobsStorage: env.AzureWebJobsStorage!.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:9'),
      COSMOS_CONNECTION: 'AccountEndpoint=http://127.0.0.1:9/;AccountKey=a2V5;',
    };
    const report = await pingAll(createAdapters(loadConfig(dead)));
    expect(report).toEqual({
      blob: { ok: false, error: 'Blob storage is unavailable (ECONNREFUSED) while accessing the account' },
      queue: { ok: false, error: 'Queue storage is unavailable (ECONNREFUSED) while accessing the account' },
      cosmos: { ok: false, error: 'Cosmos DB is unavailable (ECONNREFUSED) while accessing the account' },
    });
  }, 30_000);
});
