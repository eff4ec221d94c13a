// The model cache on a memory registry and a counting loader: alias window, single flight, LRU
// bound, pinned versions, and serving on while the registry is down.
import { describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../../src/domain/model-version';
import { AppError } from '../../../src/errors';
import { staleCacheProbe } from '../../../src/serving/model-cache/cache-probe';
import { ModelCache } from '../../../src/serving/model-cache/model-cache';
import type { ServedModel } from '../../../src/serving/model-cache/served-model';
import { MemoryRegistry } from '../../pipeline/memory-ports';
import { versionDoc } from '../../support/documents';

interface Setup {
  cache: ModelCache;
  registry: MemoryRegistry;
  loads: number[];
  released: number[];
  clock: { now: number };
  down: { on: boolean; hang?: boolean };
}

async function setup(
  options: { versions?: number; maxLoaded?: number; gate?: Promise<void> } = {},
): Promise<Setup> {
  const registry = new MemoryRegistry();
  for (let i = 0; i < (options.versions ?? 3); i++) await registry.createVersion(versionDoc('m', `r${i}`));
  await registry.setAlias('m', 'production', 1, null);
  const loads: number[] = [];
  const released: number[] = [];
  const clock = { now: 0 };
  const down: Setup['down'] = { on: false };
  const unavailable = () => new AppError('unavailable', 'cosmos_down', 'Cosmos DB cannot be reached');
  // The registry as the cache sees it: failing like the adapter does while `down.on`.
  const reads = {
    getAlias: (...a: Parameters<MemoryRegistry['getAlias']>) =>
      down.hang
        ? new Promise<never>(() => {})
        : down.on
          ? Promise.reject(unavailable())
          : registry.getAlias(...a),
    getVersion: (...a: Parameters<MemoryRegistry['getVersion']>) =>
      down.on ? Promise.reject(unavailable()) : registry.getVersion(...a),
    listVersions: (model: string) => (down.on ? Promise.reject(unavailable()) : registry.listVersions(model)),
    getSpec: (model: string) => registry.getSpec(model),
  };
  const cache = new ModelCache({
    registry: reads,
    aliasCacheSeconds: 5,
    ...(options.maxLoaded !== undefined && { maxLoadedVersions: options.maxLoaded }),
    now: () => clock.now,
    load: async (v: ModelVersion): Promise<ServedModel> => {
      loads.push(v.version);
      await options.gate;
      return {
        model: v.model,
        version: v.version,
        task: 'regression',
        validate: () => [],
        score: async () => ({ predictions: [] }),
        release: async () => void released.push(v.version),
      };
    },
  });
  return { cache, registry, loads, released, clock, down };
}

describe('model cache', () => {
  it('shares one load among concurrent first requests', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const s = await setup({ gate });
    const all = Array.from({ length: 20 }, () => s.cache.resolve('m'));
    open();
    const models = await Promise.all(all);
    expect(s.loads).toEqual([1]);
    expect(new Set(models).size).toBe(1);
  });

  it('sees a promotion only after the alias window, then serves the new version', async () => {
    const s = await setup();
    expect((await s.cache.resolve('m')).version).toBe(1);
    const alias = (await s.registry.getAlias('m', 'production'))!;
    await s.registry.setAlias('m', 'production', 2, alias.etag);
    s.clock.now = 4_999;
    expect((await s.cache.resolve('m')).version).toBe(1);
    s.clock.now = 5_000;
    expect((await s.cache.resolve('m')).version).toBe(2);
    expect(s.loads).toEqual([1, 2]);
  });

  it('keeps at most maxLoadedVersions, evicting the least recently used', async () => {
    const s = await setup({ maxLoaded: 2 });
    await s.cache.resolve('m', 1);
    await s.cache.resolve('m', 2);
    await s.cache.resolve('m', 1);
    await s.cache.resolve('m', 3); // evicts 2, the least recently used
    await s.cache.resolve('m', 1);
    await s.cache.resolve('m', 2);
    expect(s.loads).toEqual([1, 2, 3, 2]);
  });

  it('tries a failed load again on the next request instead of caching the failure', async () => {
    const s = await setup();
    let fail = true;
    const cache = new ModelCache({
      registry: s.registry,
      aliasCacheSeconds: 5,
      load: async (v) => {
        if (fail) throw new AppError('unavailable', 'blob_down', 'Blob storage cannot be reached');
        return {
          model: 'm',
          version: v.version,
          task: 'regression',
          validate: () => [],
          score: async () => ({ predictions: [] }),
          release: async () => {},
        };
      },
    });
    await expect(cache.resolve('m')).rejects.toThrow('Blob storage cannot be reached');
    fail = false;
    expect((await cache.resolve('m')).version).toBe(1);
  });

  it('keeps serving the cached alias while the registry is down, and health says so', async () => {
    const s = await setup();
    const probe = staleCacheProbe(s.cache);
    await s.cache.resolve('m');
    await expect(probe()).resolves.toBeUndefined();
    s.down.on = true;
    s.clock.now = 60_000;
    expect((await s.cache.resolve('m')).version).toBe(1);
    await expect(probe()).rejects.toThrow(
      'registry unreachable, serving cached m since 1970-01-01T00:01:00.000Z, m/1 since 1970-01-01T00:01:00.000Z: Cosmos DB cannot be reached',
    );
    s.down.on = false;
    s.clock.now = 70_000;
    await s.cache.resolve('m');
    await expect(probe()).resolves.toBeUndefined();
  });

  it('does not hold requests on a registry that does not answer: the cached alias serves after 1 s', async () => {
    const s = await setup();
    await s.cache.resolve('m');
    s.down.hang = true;
    s.clock.now = 60_000;
    const [first, second] = await Promise.all([s.cache.resolve('m'), s.cache.resolve('m')]);
    expect([first.version, second.version]).toEqual([1, 1]);
    await expect(staleCacheProbe(s.cache)()).rejects.toThrow(
      'registry unreachable, serving cached m since 1970-01-01T00:01:00.000Z: no answer within 1000 ms',
    );
  });

  it.each([
    [
      'no versions and no spec',
      false,
      'not_found',
      'model_not_found',
      'Model "new" has no versions and no spec',
    ],
    [
      'a spec but no version yet',
      true,
      'conflict',
      'no_production_version',
      'Model "new" has no production version yet: pin one with ?version=N or promote one',
    ],
  ] as const)('a model with %s is %s', async (_name, withSpec, category, code, message) => {
    const s = await setup();
    if (withSpec) s.registry.specs.set('new', { target: 'y' });
    const err = (await s.cache.resolve('new').catch((e: unknown) => e)) as AppError;
    expect([err.category, err.code, err.message]).toEqual([category, code, message]);
  });

  it('answers 503 (unavailable) when the registry is down and nothing is cached', async () => {
    const s = await setup();
    s.down.on = true;
    const err = await s.cache.resolve('m').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    // The registry's own error, as the adapter raises it.
    expect(err).toMatchObject({
      category: 'unavailable',
      code: 'cosmos_down',
      message: 'Cosmos DB cannot be reached',
    });
  });

  it('releases every loaded session on close', async () => {
    const s = await setup();
    await s.cache.resolve('m', 1);
    await s.cache.resolve('m', 3);
    await s.cache.close();
    expect(s.released.sort()).toEqual([1, 3]);
  });
});
