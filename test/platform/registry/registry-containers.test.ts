import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cosmosClient } from '../../../src/platform/registry/cosmos-client';
import { ensureRegistryContainers } from '../../../src/platform/registry/registry-containers';
import { emulatorSettings } from '../../support/settings';

describe('ensureRegistryContainers', () => {
  it('creates the database and containers when several clients start at the same moment', async () => {
    const s = emulatorSettings();
    const databaseId = `race-${randomUUID().slice(0, 8)}`;
    const clients = Array.from({ length: 6 }, () =>
      cosmosClient({ kind: 'key', endpoint: s.cosmosEndpoint, key: s.cosmosKey, database: databaseId }),
    );
    const all = await Promise.all(clients.map((client) => ensureRegistryContainers(client, databaseId)));
    expect(all.map((c) => c.models.id)).toEqual(Array(6).fill('models'));
    const { resources } = await all[0].runs.items.readAll().fetchAll();
    expect(resources).toEqual([]);
  });
});
