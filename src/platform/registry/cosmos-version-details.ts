import type { CosmosClient } from '@azure/cosmos';
import { AppError } from '../../errors';
import type { ModelVersion } from '../../domain/model-version';
import type { VersionDetails, VersionPatch } from '../ports/version-details';
import type { Stored } from '../ports/stored';
import { mapErrors } from '../azure-errors';
import { fromDocument, toDocument, versionId } from './documents';
import { readItem } from './read-item';
import { ensureRegistryContainers, SERVICE, type RegistryContainers } from './registry-containers';

/** Read-modify-write attempts before a version that keeps changing is reported unavailable. */
const MAX_ATTEMPTS = 8;

/** VersionDetails on the registry's Cosmos `models` container (same documents as CosmosRegistry). */
export class CosmosVersionDetails implements VersionDetails {
  private ready?: Promise<RegistryContainers>;

  /** databaseId defaults to the contract's `mlops`. */
  constructor(
    private readonly client: CosmosClient,
    private readonly databaseId = 'mlops',
  ) {}

  async updateVersion(
    model: string,
    version: number,
    patch: VersionPatch,
    options: { ifMatch?: string } = {},
  ): Promise<Stored<ModelVersion>> {
    const { models } = await this.containers();
    const id = versionId(model, version);
    const ctx = { service: SERVICE, what: `version ${version} of model ${model}` };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const doc = await readItem(models, id, model);
      if (!doc)
        throw new AppError('not_found', 'version_not_found', `Model ${model} has no version ${version}`);
      const current = fromDocument<Stored<ModelVersion>>(doc);
      const etag = options.ifMatch ?? current.etag ?? '';
      const updated: ModelVersion = { ...current, ...patch, updatedAt: new Date().toISOString() };
      try {
        const res = await mapErrors(ctx, () =>
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

  private containers(): Promise<RegistryContainers> {
    this.ready ??= ensureRegistryContainers(this.client, this.databaseId).catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }
}
