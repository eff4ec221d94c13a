import type { Container, ItemDefinition, SqlQuerySpec } from '@azure/cosmos';
import type { Page, PageRequest } from '../../domain/page';
import { mapErrors } from '../azure-errors';
import { SERVICE } from './registry-containers';

/** Default page size of list calls. */
export const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

/**
 * One page of a single-partition query, resumed from the caller's continuation token (the
 * stand-in has no OFFSET/LIMIT, and tokens are what Cosmos pages with anyway).
 */
export async function queryPage<T>(
  container: Container,
  partitionKey: string,
  query: SqlQuerySpec,
  page: PageRequest,
  map: (doc: ItemDefinition) => T,
): Promise<Page<T>> {
  const maxItemCount = Math.min(Math.max(1, page.pageSize ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
  const res = await mapErrors({ service: SERVICE, what: `${container.id} of ${partitionKey}` }, () =>
    container.items
      .query<ItemDefinition>(withModel(query, partitionKey), {
        partitionKey,
        maxItemCount,
        continuationToken: page.continuationToken,
      })
      .fetchNext(),
  );
  return {
    items: res.resources.map(map),
    ...(res.continuationToken && res.resources.length > 0 && { continuationToken: res.continuationToken }),
  };
}

/** Every result of a query (all pages), for the few reads that must see everything. */
export async function queryAll<T extends ItemDefinition>(
  container: Container,
  query: SqlQuerySpec,
  partitionKey?: string,
): Promise<T[]> {
  return mapErrors({ service: SERVICE, what: container.id }, async () => {
    const { resources } = await container.items
      .query<T>(partitionKey ? withModel(query, partitionKey) : query, partitionKey ? { partitionKey } : {})
      .fetchAll();
    return resources;
  });
}

/**
 * Binds @model to the partition's model. Single-partition queries filter on c.model themselves
 * because the stand-in ignores the partitionKey option of a query (Cosmos honours both).
 */
function withModel(query: SqlQuerySpec, model: string): SqlQuerySpec {
  return { query: query.query, parameters: [...(query.parameters ?? []), { name: '@model', value: model }] };
}
