import type { ChallengerTrial } from '../../domain/alias';
import type { ModelVersion } from '../../domain/model-version';
import { AppError } from '../../errors';
import type { AliasStore } from '../../platform/ports/alias-store';
import type { SpecStore } from '../../platform/ports/spec-store';
import type { VersionStore } from '../../platform/ports/version-store';
import type { VersionLoader } from './load-version';
import { LruLoads } from './lru-loads';
import type { ServedModel } from './served-model';
import { TimedLookups, type StaleUse } from './timed-lookups';

/** Loaded versions kept per process unless configured otherwise. */
export const DEFAULT_MAX_LOADED_VERSIONS = 8;

export interface ModelCacheOptions {
  readonly registry: Pick<AliasStore, 'getAlias'> &
    Pick<VersionStore, 'getVersion' | 'listVersions'> &
    Pick<SpecStore, 'getSpec'>;
  readonly load: VersionLoader;
  /** How long an alias or version record is trusted (ALIAS_CACHE_SECONDS). */
  readonly aliasCacheSeconds: number;
  /** Loaded ONNX sessions kept, least recently used evicted; default 8. */
  readonly maxLoadedVersions?: number;
  readonly now?: () => number;
}

// A pinned version is served once it passed validation (validated, challenger, production,
// archived).
const NOT_SERVABLE = new Set(['candidate', 'rejected']);

/** The version on trial beside production, as the challenger alias names it. */
export interface ChallengerRef {
  readonly version: number;
  readonly trial: ChallengerTrial;
}

/**
 * Resolves what a predict request scores with: the production alias (or a pinned version) read
 * from the registry and cached for the alias window, and the version's loaded model, cached per
 * version (LRU, single flight). A promotion or rollback is seen within aliasCacheSeconds.
 */
export class ModelCache {
  private readonly aliases: TimedLookups<number | null>;
  private readonly challengers: TimedLookups<ChallengerRef | null>;
  private readonly versions: TimedLookups<ModelVersion | null>;
  private readonly loaded: LruLoads<ServedModel>;

  constructor(private readonly options: ModelCacheOptions) {
    const ttl = options.aliasCacheSeconds * 1000;
    this.aliases = new TimedLookups(ttl, options.now);
    this.challengers = new TimedLookups(ttl, options.now);
    this.versions = new TimedLookups(ttl, options.now);
    this.loaded = new LruLoads(options.maxLoadedVersions ?? DEFAULT_MAX_LOADED_VERSIONS, (m) => m.release());
  }

  /**
   * The model to score with: `pinned` when given (404 unknown, 409 candidate or rejected), else
   * the production version (404 unknown model, 409 no production version yet).
   */
  async resolve(model: string, pinned?: number): Promise<ServedModel> {
    const number = pinned ?? (await this.productionVersion(model));
    const version = await this.versions.get(`${model}/${number}`, async () => {
      return (await this.options.registry.getVersion(model, number)) ?? null;
    });
    if (!version) {
      throw new AppError('not_found', 'version_not_found', `Model "${model}" has no version ${number}`, {
        model,
        version: number,
      });
    }
    if (NOT_SERVABLE.has(version.status)) {
      throw new AppError(
        'conflict',
        'version_not_servable',
        `Version ${number} of "${model}" is ${version.status}: only validated, production or archived versions are served`,
        { model, version: number, status: version.status },
      );
    }
    return this.loaded.get(`${model}/${number}`, () => this.options.load(version));
  }

  /**
   * The model's challenger, read with the same trust window as production's alias: a trial
   * started or ended is seen within aliasCacheSeconds. Undefined when there is none.
   */
  async challenger(model: string): Promise<ChallengerRef | undefined> {
    const ref = await this.challengers.get(model, async () => {
      const alias = await this.options.registry.getAlias(model, 'challenger');
      return alias?.trial ? { version: alias.version, trial: alias.trial } : null;
    });
    return ref ?? undefined;
  }

  /** Forgets the challenger read for `model` (its trial was ended here). */
  forgetChallenger(model: string): void {
    this.challengers.forget(model);
  }

  /** Aliases and versions answered from cache while the registry was down. */
  stale(): StaleUse[] {
    return [...this.aliases.stale(), ...this.challengers.stale(), ...this.versions.stale()];
  }

  /** Releases every loaded session. */
  close(): Promise<void> {
    return this.loaded.clear();
  }

  private async productionVersion(model: string): Promise<number> {
    const version = await this.aliases.get(model, async () => {
      const alias = await this.options.registry.getAlias(model, 'production');
      return alias?.version ?? null;
    });
    if (version !== null) return version;
    // A model with a spec but no version yet is known: its first training may be under way.
    const [any, spec] = await Promise.all([
      this.options.registry.listVersions(model, { pageSize: 1 }),
      this.options.registry.getSpec(model),
    ]);
    if (any.items.length === 0 && !spec) {
      throw new AppError('not_found', 'model_not_found', `Model "${model}" has no versions and no spec`, {
        model,
      });
    }
    throw new AppError(
      'conflict',
      'no_production_version',
      `Model "${model}" has no production version yet: pin one with ?version=N or promote one`,
      { model },
    );
  }
}
