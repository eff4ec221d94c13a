import type { Container } from '@azure/cosmos';
import type { ModelSpecDocument } from '../../domain/documents';
import type { JsonValue } from '../../domain/json';
import type { Stored } from '../ports/stored';
import { mapErrors } from '../azure-errors';
import { checkModelName, fromDocument, specId, toDocument } from './documents';
import { readItem } from './read-item';
import { SERVICE } from './registry-containers';

export async function getSpec(
  models: Container,
  model: string,
): Promise<Stored<ModelSpecDocument> | undefined> {
  const doc = await readItem(models, specId(model), model);
  return doc && fromDocument<Stored<ModelSpecDocument>>(doc);
}

/** Stores the model's spec, replacing the previous one. */
export async function putSpec(
  models: Container,
  model: string,
  spec: JsonValue,
): Promise<Stored<ModelSpecDocument>> {
  checkModelName(model);
  const entity: ModelSpecDocument = { model, spec, updatedAt: new Date().toISOString() };
  const res = await mapErrors({ service: SERVICE, what: `spec of model ${model}` }, () =>
    models.items.upsert(toDocument(specId(model), 'spec', entity)),
  );
  return { ...entity, etag: res.etag };
}
