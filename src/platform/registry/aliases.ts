import type { Container } from '@azure/cosmos';
import { AppError } from '../../errors';
import { ALIAS_NAMES, type Alias, type AliasName, type ChallengerTrial } from '../../domain/alias';
import type { Stored } from '../ports/stored';
import { hasStatus, toAppError } from '../azure-errors';
import { aliasId, fromDocument, toDocument } from './documents';
import { readItem } from './read-item';
import { SERVICE } from './registry-containers';
import { getVersion } from './versions';

export async function getAlias(
  models: Container,
  model: string,
  name: AliasName,
): Promise<Stored<Alias> | undefined> {
  const doc = await readItem(models, aliasId(model, name), model);
  return doc && fromDocument<Stored<Alias>>(doc);
}

/**
 * Moves the alias by compare-and-swap: replace guarded by the ETag the caller read, or a
 * create-only write when the caller saw no alias (ifMatch null). Losing either race is a conflict.
 */
export async function setAlias(
  models: Container,
  model: string,
  name: AliasName,
  version: number,
  ifMatch: string | null,
  reason?: string,
  trial?: ChallengerTrial,
): Promise<Stored<Alias>> {
  if (!ALIAS_NAMES.includes(name)) {
    throw new AppError(
      'invalid',
      'bad_alias',
      `Unknown alias "${String(name)}"; allowed: ${ALIAS_NAMES.join(', ')}`,
    );
  }
  if (!(await getVersion(models, model, version))) {
    throw new AppError('not_found', 'version_not_found', `Model ${model} has no version ${version}`);
  }
  const id = aliasId(model, name);
  const alias: Omit<Alias, 'etag'> = {
    model,
    name,
    version,
    updatedAt: new Date().toISOString(),
    ...(reason !== undefined && { reason }),
    ...(trial !== undefined && { trial }),
  };
  const doc = toDocument(id, 'alias', alias);
  try {
    const res =
      ifMatch === null
        ? await models.items.create(doc)
        : await models
            .item(id, model)
            .replace(doc, { accessCondition: { type: 'IfMatch', condition: ifMatch } });
    return { ...alias, etag: res.etag };
  } catch (err) {
    if (hasStatus(err, 409) || hasStatus(err, 412) || (ifMatch !== null && hasStatus(err, 404))) {
      throw new AppError(
        'conflict',
        'alias_conflict',
        `The ${name} alias of ${model} was changed by someone else; read it again and retry`,
        { model, alias: name },
        { cause: err },
      );
    }
    throw toAppError(err, { service: SERVICE, what: `alias ${name} of model ${model}` });
  }
}

/** Deletes the alias guarded by its ETag: false when there was none, a conflict when it moved. */
export async function deleteAlias(
  models: Container,
  model: string,
  name: AliasName,
  ifMatch: string,
): Promise<boolean> {
  try {
    await models
      .item(aliasId(model, name), model)
      .delete({ accessCondition: { type: 'IfMatch', condition: ifMatch } });
    return true;
  } catch (err) {
    if (hasStatus(err, 404)) return false;
    if (hasStatus(err, 412)) {
      throw new AppError(
        'conflict',
        'alias_conflict',
        `The ${name} alias of ${model} was changed by someone else; read it again and retry`,
        { model, alias: name },
        { cause: err },
      );
    }
    throw toAppError(err, { service: SERVICE, what: `alias ${name} of model ${model}` });
  }
}
