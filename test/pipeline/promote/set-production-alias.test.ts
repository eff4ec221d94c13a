// setProductionAlias on an in-memory registry whose alias swap can be made to lose races on demand.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import type { Alias } from '../../../src/domain/alias';
import type { ModelVersion, VersionStatus } from '../../../src/domain/model-version';
import type { Stored } from '../../../src/platform/ports/stored';
import type { VersionPatch } from '../../../src/platform/ports/version-store';
import { setProductionAlias, type PromoteDeps } from '../../../src/pipeline/promote/set-production-alias';
import { RecordingTelemetry } from '../../platform/telemetry/recording-telemetry';

class MemoryRegistry {
  alias: Stored<Alias> | undefined;
  versions = new Map<number, Stored<ModelVersion>>();
  private tag = 0;
  /** Called before each swap: may move the alias behind the caller's back. */
  beforeSwap: () => void = () => {};
  swaps = 0;

  constructor(statuses: VersionStatus[]) {
    statuses.forEach((status, i) =>
      this.versions.set(i + 1, { model: 'm', version: i + 1, status } as Stored<ModelVersion>),
    );
  }
  moveAlias(version: number): void {
    this.alias = { model: 'm', name: 'production', version, updatedAt: '', etag: `e${++this.tag}` };
  }
  deps(): PromoteDeps {
    return {
      registry: {
        getVersion: async (_m, v) => this.versions.get(v),
        getAlias: async () => this.alias,
        listVersions: async () => ({ items: [...this.versions.values()] }),
        setAlias: async (_m, _n, version, ifMatch, reason) => {
          this.swaps += 1;
          this.beforeSwap();
          if ((this.alias?.etag ?? null) !== ifMatch)
            throw new AppError('conflict', 'alias_conflict', 'lost');
          this.moveAlias(version);
          return { ...this.alias!, ...(reason !== undefined && { reason }) };
        },
        deleteAlias: async () => false,
        updateVersion: async (_m, v, patch: VersionPatch) => {
          const next = { ...this.versions.get(v)!, ...patch };
          this.versions.set(v, next);
          return next;
        },
      },
    };
  }
  statuses(): VersionStatus[] {
    return [...this.versions.values()].map((v) => v.status);
  }
}

describe('setProductionAlias', () => {
  it('re-reads the alias after a lost swap and records what it replaced then', async () => {
    const r = new MemoryRegistry(['production', 'validated', 'validated']);
    r.moveAlias(1);
    r.beforeSwap = () => {
      r.beforeSwap = () => {};
      r.moveAlias(3); // another promotion lands first
      r.versions.set(3, { ...r.versions.get(3)!, status: 'production' });
    };
    const result = await setProductionAlias(r.deps(), { model: 'm', version: 2 });
    expect(result).toMatchObject({ version: 2, previous: 3, action: 'rollback' });
    expect(r.swaps).toBe(2);
    expect(r.statuses()).toEqual(['archived', 'production', 'archived']);
    expect(r.versions.get(2)!.statusReason).toBe('rollback, replacing v3');
  });

  it('with If-Match, a lost swap is 409 at once', async () => {
    const r = new MemoryRegistry(['production', 'validated']);
    r.moveAlias(1);
    const etag = r.alias!.etag;
    r.beforeSwap = () => r.moveAlias(1);
    const err = await setProductionAlias(r.deps(), { model: 'm', version: 2, ifMatch: etag }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ category: 'conflict', code: 'alias_changed' });
    expect(r.swaps).toBe(1);
    expect(r.statuses()).toEqual(['production', 'validated']);
  });

  it('gives up with 409 after 5 lost swaps in a row', async () => {
    const r = new MemoryRegistry(['production', 'validated']);
    r.moveAlias(1);
    r.beforeSwap = () => r.moveAlias(1);
    const err = await setProductionAlias(r.deps(), { model: 'm', version: 2 }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      category: 'conflict',
      code: 'alias_contention',
      message: 'The production alias of m kept changing during 5 attempts; try again',
    });
    expect(r.swaps).toBe(5);
  });

  it('creates the alias when there is none (first promotion)', async () => {
    const r = new MemoryRegistry(['archived']);
    const result = await setProductionAlias(r.deps(), { model: 'm', version: 1, reason: 'restore' });
    expect(result).toMatchObject({ version: 1, action: 'promotion' });
    expect(result.previous).toBeUndefined();
    expect(r.versions.get(1)).toMatchObject({
      status: 'production',
      statusReason: 'manual promotion: restore',
    });
  });

  it('re-marks the alias target production when its status was left behind', async () => {
    const r = new MemoryRegistry(['archived']);
    r.moveAlias(1);
    const result = await setProductionAlias(r.deps(), { model: 'm', version: 1 });
    expect(result.action).toBe('unchanged');
    expect(r.swaps).toBe(0);
    expect(r.statuses()).toEqual(['production']);
  });

  it('reports each promotion and rollback as a VersionPromoted event, nothing when unchanged', async () => {
    const r = new MemoryRegistry(['archived', 'production']);
    r.moveAlias(2);
    const telemetry = new RecordingTelemetry();
    const deps = { ...r.deps(), telemetry };
    await setProductionAlias(deps, { model: 'm', version: 1, reason: 'v2 misbehaves' });
    await setProductionAlias(deps, { model: 'm', version: 1 });
    await setProductionAlias(deps, { model: 'm', version: 2 });
    expect(telemetry.items).toEqual([
      {
        kind: 'event',
        name: 'VersionPromoted',
        properties: {
          model: 'm',
          version: '1',
          trigger: 'manual',
          action: 'rollback',
          previous: '2',
          reason: 'v2 misbehaves',
        },
      },
      {
        kind: 'event',
        name: 'VersionPromoted',
        properties: { model: 'm', version: '2', trigger: 'manual', action: 'promotion', previous: '1' },
      },
    ]);
  });
});
