import type { Container, ItemDefinition } from '@azure/cosmos';
import { mapErrors } from '../azure-errors';
import { SERVICE } from './registry-containers';

/** Point read by id and partition; undefined when the document does not exist. */
export async function readItem(
  container: Container,
  id: string,
  model: string,
): Promise<(ItemDefinition & { _etag?: string }) | undefined> {
  return mapErrors({ service: SERVICE, what: `${container.id} document ${id}` }, async () => {
    const res = await container.item(id, model).read<ItemDefinition & { _etag?: string }>();
    return res.statusCode === 404 ? undefined : res.resource;
  });
}
