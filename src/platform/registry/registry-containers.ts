import type { Container, CosmosClient } from '@azure/cosmos';
import { mapErrors } from '../azure-errors';

export const SERVICE = 'Cosmos DB';

/** The registry's three containers; every one is partitioned by /model. */
export interface RegistryContainers {
  models: Container;
  runs: Container;
  monitoring: Container;
}

export const CONTAINER_IDS = ['models', 'runs', 'monitoring'] as const;

/** Creates the database and containers when missing and returns them. */
export async function ensureRegistryContainers(
  client: CosmosClient,
  databaseId: string,
): Promise<RegistryContainers> {
  return mapErrors({ service: SERVICE, what: `database ${databaseId}` }, async () => {
    const { database } = await againOnConflict(() => client.databases.createIfNotExists({ id: databaseId }));
    const [models, runs, monitoring] = await Promise.all(
      CONTAINER_IDS.map(async (id) => {
        const { container } = await againOnConflict(() =>
          database.containers.createIfNotExists({ id, partitionKey: { paths: ['/model'] } }),
        );
        return container;
      }),
    );
    return { models: models!, runs: runs!, monitoring: monitoring! };
  });
}

/**
 * createIfNotExists reads, then creates: when two processes (or two adapters of one process)
 * start at once, the slower create gets 409. The thing exists then, so the second try reads it.
 */
async function againOnConflict<T>(create: () => Promise<T>): Promise<T> {
  try {
    return await create();
  } catch (error) {
    if ((error as { code?: unknown }).code !== 409) throw error;
    return create();
  }
}
