import type { Container } from '@azure/cosmos';
import { AppError } from '../../errors';
import type { ModelVersion, NewModelVersion, VersionStatus } from '../../domain/model-version';
import type { Page, PageRequest } from '../../domain/page';
import type { Stored } from '../ports/stored';
import type { VersionPatch } from '../ports/version-store';
import { hasStatus, mapErrors, toAppError } from '../azure-errors';
import { checkModelName, fromDocument, toDocument, versionId } from './documents';
import { queryAll, queryPage } from './paging';
import { readItem } from './read-item';
import { SERVICE } from './registry-containers';

/** Creates racing for one number give up after this many collisions (a sign of a stuck store). */
const MAX_NUMBER_ATTEMPTS = 50;

const ctx = (model: string, version?: number) => ({
  service: SERVICE,
  what: version === undefined ? `versions of model ${model}` : `version ${version} of model ${model}`,
});

/**
 * Registers a version with number max + 1, created create-only under id `model:vN` and retried
 * on collision, so racing registrations get distinct, increasing numbers. Idempotent per run:
 * a run that already has a version gets that version back.
 */
export async function createVersion(
  models: Container,
  input: NewModelVersion,
): Promise<Stored<ModelVersion>> {
  checkModelName(input.model);
  const existing = await findVersionByRun(models, input.model, input.runId);
  if (existing) return existing;
  for (let attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt++) {
    const version = (await maxVersion(models, input.model)) + 1;
    const now = new Date().toISOString();
    const entity: ModelVersion = { ...input, version, createdAt: now, updatedAt: now };
    try {
      const res = await models.items.create(toDocument(versionId(input.model, version), 'version', entity));
      return await settleRunRace(models, { ...entity, etag: res.etag });
    } catch (err) {
      if (!hasStatus(err, 409)) throw toAppError(err, ctx(input.model, version));
      // Another registration took this number: count again.
    }
  }
  throw new AppError(
    'unavailable',
    'version_contention',
    `Could not assign a version number to ${input.model}`,
  );
}

/**
 * Two deliveries of the same run may race past the idempotency check and each create a version.
 * The lowest number wins; a loser removes its own document and returns the winner.
 */
async function settleRunRace(models: Container, mine: Stored<ModelVersion>): Promise<Stored<ModelVersion>> {
  const same = await queryAll<{ version: number }>(
    models,
    {
      query: "SELECT c.version FROM c WHERE c.model = @model AND c.type = 'version' AND c.runId = @runId",
      parameters: [{ name: '@runId', value: mine.runId }],
    },
    mine.model,
  );
  const lowest = Math.min(...same.map((d) => d.version));
  if (lowest >= mine.version) return mine;
  await mapErrors(ctx(mine.model, mine.version), () =>
    models.item(versionId(mine.model, mine.version), mine.model).delete(),
  );
  const winner = await getVersion(models, mine.model, lowest);
  if (!winner) throw new AppError('internal', 'version_lost', `Version ${lowest} of ${mine.model} vanished`);
  return winner;
}

async function maxVersion(models: Container, model: string): Promise<number> {
  const rows = await queryAll<{ version: number }>(
    models,
    {
      query:
        "SELECT TOP 1 c.version FROM c WHERE c.model = @model AND c.type = 'version' ORDER BY c.version DESC",
    },
    model,
  );
  return rows[0]?.version ?? 0;
}

export async function getVersion(
  models: Container,
  model: string,
  version: number,
): Promise<Stored<ModelVersion> | undefined> {
  const doc = await readItem(models, versionId(model, version), model);
  return doc && fromDocument<Stored<ModelVersion>>(doc);
}

export async function findVersionByRun(
  models: Container,
  model: string,
  runId: string,
): Promise<Stored<ModelVersion> | undefined> {
  const docs = await queryAll(
    models,
    {
      query:
        "SELECT * FROM c WHERE c.model = @model AND c.type = 'version' AND c.runId = @runId ORDER BY c.version ASC",
      parameters: [{ name: '@runId', value: runId }],
    },
    model,
  );
  return docs[0] && fromDocument<Stored<ModelVersion>>(docs[0]);
}

/** Newest first, one page. */
export function listVersions(
  models: Container,
  model: string,
  page: PageRequest,
): Promise<Page<Stored<ModelVersion>>> {
  return queryPage(
    models,
    model,
    { query: "SELECT * FROM c WHERE c.model = @model AND c.type = 'version' ORDER BY c.version DESC" },
    page,
    (doc) => fromDocument<Stored<ModelVersion>>(doc),
  );
}

/** Sets the status with an ETag guard (the caller's, or the one just read). */
export async function updateVersionStatus(
  models: Container,
  model: string,
  version: number,
  status: VersionStatus,
  options: { ifMatch?: string; reason?: string },
): Promise<Stored<ModelVersion>> {
  const current = await getVersion(models, model, version);
  if (!current)
    throw new AppError('not_found', 'version_not_found', `Model ${model} has no version ${version}`);
  const etag = options.ifMatch ?? current.etag;
  const updated: ModelVersion = {
    ...current,
    status,
    ...(options.reason !== undefined && { statusReason: options.reason }),
    updatedAt: new Date().toISOString(),
  };
  const res = await mapErrors(ctx(model, version), () =>
    models
      .item(versionId(model, version), model)
      .replace(toDocument(versionId(model, version), 'version', updated), {
        accessCondition: { type: 'IfMatch', condition: etag ?? '' },
      }),
  );
  return { ...updated, etag: res.etag };
}

/** Read-modify-write attempts before a version that keeps changing is reported unavailable. */
const MAX_UPDATE_ATTEMPTS = 8;

/** Merges a patch into a version: a read and an ETag-guarded replace, retried on a lost race. */
export async function updateVersion(
  models: Container,
  model: string,
  version: number,
  patch: VersionPatch,
  options: { ifMatch?: string } = {},
): Promise<Stored<ModelVersion>> {
  const id = versionId(model, version);
  for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
    const doc = await readItem(models, id, model);
    if (!doc)
      throw new AppError('not_found', 'version_not_found', `Model ${model} has no version ${version}`);
    const current = fromDocument<Stored<ModelVersion>>(doc);
    const etag = options.ifMatch ?? current.etag ?? '';
    const updated: ModelVersion = { ...current, ...patch, updatedAt: new Date().toISOString() };
    try {
      const res = await mapErrors(ctx(model, version), () =>
        models.item(id, model).replace(toDocument(id, 'version', updated), {
          accessCondition: { type: 'IfMatch', condition: etag },
        }),
      );
      return { ...updated, etag: res.etag };
    } catch (err) {
      const lostRace = err instanceof AppError && err.category === 'conflict';
      if (!lostRace || options.ifMatch !== undefined) throw err;
    }
  }
  throw new AppError('unavailable', 'version_contention', `Version ${version} of ${model} keeps changing`);
}
