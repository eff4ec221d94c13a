import type { Container } from '@azure/cosmos';
import type { ModelSpecDocument } from '../../domain/documents';
import type { JsonValue } from '../../domain/json';
import type { SpecWriteCondition } from '../ports/spec-store';
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

/** Stores the model's spec: replacing any, or only the one read (ifMatch), or only if none (ifNoneMatch). */
export async function putSpec(
  models: Container,
  model: string,
  spec: JsonValue,
  options: SpecWriteCondition = {},
): Promise<Stored<ModelSpecDocument>> {
  checkModelName(model);
  const entity: ModelSpecDocument = { model, spec, updatedAt: new Date().toISOString() };
  const doc = toDocument(specId(model), 'spec', entity);
  const res = await mapErrors({ service: SERVICE, what: `spec of model ${model}` }, () =>
    options.ifNoneMatch === '*'
      ? models.items.create(doc)
      : options.ifMatch === undefined
        ? models.items.upsert(doc)
        : models
            .item(specId(model), model)
            .replace(doc, { accessCondition: { type: 'IfMatch', condition: options.ifMatch } }),
  );
  return { ...entity, etag: res.etag };
}
