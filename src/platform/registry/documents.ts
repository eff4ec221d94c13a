import type { ItemDefinition } from '@azure/cosmos';
import { AppError } from '../../errors';
import { isModelName, MODEL_NAME_RULE } from '../../domain/model-name';

// Document ids: one document per atomic fact, ids derived so that creating a fact twice collides.
export const versionId = (model: string, version: number): string => `${model}:v${version}`;
export const aliasId = (model: string, name: string): string => `${model}:alias:${name}`;
export const specId = (model: string): string => `${model}:spec`;

/** The Cosmos document types in the models container (and runs / monitoring). */
export type DocType = 'version' | 'alias' | 'spec' | 'run' | 'monitoring';

const SYSTEM_FIELDS = new Set(['id', 'type', '_rid', '_self', '_etag', '_ts', '_attachments']);

/** A plain entity as a document: its id and type tag added. */
export function toDocument(id: string, type: DocType, entity: object): ItemDefinition {
  const { etag: _etag, ...data } = entity as { etag?: string };
  return { ...data, id, type };
}

/**
 * A document back as a plain entity: Cosmos fields dropped, its ETag kept as `etag`. The
 * registry wrote every document it reads, so the shape is trusted here.
 */
export function fromDocument<T>(
  doc: ItemDefinition & { _etag?: string },
  { keepId = false, keepEtag = true }: { keepId?: boolean; keepEtag?: boolean } = {},
): T {
  const entity: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (!SYSTEM_FIELDS.has(key) || (keepId && key === 'id')) entity[key] = value;
  }
  if (keepEtag && doc._etag !== undefined) entity.etag = doc._etag;
  return entity as T;
}

/** Model names become document ids and partition keys: refuse what would break either. */
export function checkModelName(model: string): void {
  if (!isModelName(model)) {
    throw new AppError('invalid', 'bad_model_name', `Invalid model name "${model}": ${MODEL_NAME_RULE}`);
  }
}
