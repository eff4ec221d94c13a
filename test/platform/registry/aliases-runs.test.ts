import { describe, expect, it } from 'vitest';
import type { Run } from '../../../src/domain/run';
import { AppError } from '../../../src/errors';
import { CosmosRegistry } from '../../../src/platform/registry/cosmos-registry';
import { cosmosClient } from '../../../src/platform/registry/cosmos-client';
import { freshRegistry, newVersion } from './fixtures';

const registry = freshRegistry();

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const run = (model: string, id: string, queuedAt: string): Run => ({ id, model, status: 'queued', queuedAt });

describe('CosmosRegistry aliases', () => {
  it('creates the alias once, then moves it by compare-and-swap', async () => {
    await registry.createVersion(newVersion('alias', 'run-1'));
    await registry.createVersion(newVersion('alias', 'run-2'));
    expect(await registry.getAlias('alias', 'production')).toBeUndefined();
    const first = await registry.setAlias('alias', 'production', 1, null, 'first promotion');
    expect(first).toMatchObject({
      model: 'alias',
      name: 'production',
      version: 1,
      reason: 'first promotion',
    });
    expect(await registry.getAlias('alias', 'production')).toEqual(first);

    const lateCreate = await failure(registry.setAlias('alias', 'production', 2, null));
    expect([lateCreate.category, lateCreate.message]).toEqual([
      'conflict',
      'The production alias of alias was changed by someone else; read it again and retry',
    ]);

    const moved = await registry.setAlias('alias', 'production', 2, first.etag);
    expect(moved.version).toBe(2);
    const stale = await failure(registry.setAlias('alias', 'production', 1, first.etag));
    expect([stale.category, stale.code]).toEqual(['conflict', 'alias_conflict']);
    expect((await registry.getAlias('alias', 'production'))?.version).toBe(2);
  });

  it('only one of two racing promotions from the same read wins', async () => {
    await registry.createVersion(newVersion('cas', 'run-1'));
    await registry.createVersion(newVersion('cas', 'run-2'));
    await registry.createVersion(newVersion('cas', 'run-3'));
    const base = await registry.setAlias('cas', 'production', 1, null);
    const results = await Promise.allSettled([
      registry.setAlias('cas', 'production', 2, base.etag),
      registry.setAlias('cas', 'production', 3, base.etag),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const winner = results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{
      version: number;
    }>;
    expect((await registry.getAlias('cas', 'production'))?.version).toBe(winner.value.version);
  });

  it('refuses an alias to a version that does not exist', async () => {
    const err = await failure(registry.setAlias('ghost', 'production', 3, null));
    expect([err.category, err.message]).toEqual(['not_found', 'Model ghost has no version 3']);
  });
});

describe('CosmosRegistry runs, specs, models, monitoring', () => {
  it('upserts runs, guards with ETags and pages newest first', async () => {
    const times = ['2026-01-01T00:00:00Z', '2026-01-03T00:00:00Z', '2026-01-02T00:00:00Z'];
    for (const [i, t] of times.entries()) await registry.putRun(run('runs', `run-${i}`, t));
    const got = await registry.getRun('runs', 'run-1');
    expect(got).toMatchObject({ id: 'run-1', model: 'runs', status: 'queued' });
    const failed = await registry.putRun(
      { ...got!, status: 'failed', error: { code: 'bad_data', message: 'Column "temp" is missing' } },
      { ifMatch: got!.etag },
    );
    const stale = await failure(registry.putRun({ ...got!, status: 'running' }, { ifMatch: got!.etag }));
    expect([stale.category, stale.message]).toEqual([
      'conflict',
      'run run-1 of model runs was changed by someone else (ETag mismatch)',
    ]);
    expect((await registry.getRun('runs', 'run-1'))?.error).toEqual(failed.error);
    const p1 = await registry.listRuns('runs', { pageSize: 2 });
    const p2 = await registry.listRuns('runs', { pageSize: 2, continuationToken: p1.continuationToken });
    expect([...p1.items, ...p2.items].map((r) => r.id)).toEqual(['run-1', 'run-2', 'run-0']);
    expect(await registry.getRun('runs', 'nope')).toBeUndefined();
  });

  it('stores the spec and lists models with their latest and production versions', async () => {
    const spec = { target: 'count', task: 'regression' };
    const stored = await registry.putSpec('spec-only', spec);
    expect(await registry.getSpec('spec-only')).toEqual(stored);
    expect(stored.spec).toEqual(spec);
    const models = await registry.listModels();
    expect(models.map((m) => m.model)).toEqual([...models.map((m) => m.model)].sort());
    expect(models.find((m) => m.model === 'spec-only')).toMatchObject({ latestVersion: 0, versionCount: 0 });
    await registry.createVersion(newVersion('listed', 'r1'));
    await registry.createVersion(newVersion('listed', 'r2'));
    await registry.setAlias('listed', 'production', 1, null);
    const listed = (await registry.listModels()).find((m) => m.model === 'listed');
    expect(listed).toMatchObject({ latestVersion: 2, versionCount: 2, productionVersion: 1 });
  });

  it('lists a model whose runs all failed, with its newest run and why it failed', async () => {
    const error = { code: 'empty_file', message: 'The file is empty: no header and no rows' };
    await registry.putRun({
      ...run('all-failed', 'run-old', '2026-01-01T00:00:00Z'),
      status: 'failed',
      error,
    });
    await registry.putRun({
      ...run('all-failed', 'run-new', '2026-01-02T00:00:00Z'),
      status: 'failed',
      finishedAt: '2026-01-02T00:00:05Z',
      error,
    });
    const listed = (await registry.listModels()).find((m) => m.model === 'all-failed');
    expect(listed).toEqual({
      model: 'all-failed',
      latestVersion: 0,
      versionCount: 0,
      latestRun: {
        id: 'run-new',
        status: 'failed',
        queuedAt: '2026-01-02T00:00:00Z',
        finishedAt: '2026-01-02T00:00:05Z',
        error,
      },
      updatedAt: '2026-01-02T00:00:05Z',
    });
  });

  it('puts and lists monitoring records by kind, newest first', async () => {
    for (const [id, kind, createdAt] of [
      ['d1', 'drift', '2026-01-01T00:00:00Z'],
      ['p1', 'performance', '2026-01-02T00:00:00Z'],
      ['d2', 'drift', '2026-01-03T00:00:00Z'],
    ] as const) {
      await registry.putMonitoring({ model: 'mon', id, kind, createdAt, body: { drifted: id === 'd2' } });
    }
    const page = await registry.listMonitoring('mon', 'drift');
    expect(page.items).toEqual([
      { model: 'mon', id: 'd2', kind: 'drift', createdAt: '2026-01-03T00:00:00Z', body: { drifted: true } },
      { model: 'mon', id: 'd1', kind: 'drift', createdAt: '2026-01-01T00:00:00Z', body: { drifted: false } },
    ]);
  });

  it('creates a monitoring record only once and replaces it only in the state read', async () => {
    const doc = { model: 'cas', id: 'checkpoint', kind: 'checkpoint', createdAt: '2026-01-01T00:00:00Z' };
    expect(await registry.getMonitoring('cas', 'checkpoint')).toBeUndefined();
    const created = await registry.putMonitoring({ ...doc, body: { at: 1 } }, { ifMatch: null });
    expect(created.etag).toEqual(expect.any(String));
    const again = await failure(registry.putMonitoring({ ...doc, body: { at: 9 } }, { ifMatch: null }));
    expect(again.category).toBe('conflict');

    const read = await registry.getMonitoring('cas', 'checkpoint');
    expect(read).toEqual({ ...doc, body: { at: 1 }, etag: created.etag });
    const moved = await registry.putMonitoring({ ...doc, body: { at: 2 } }, { ifMatch: read?.etag });
    const stale = await failure(registry.putMonitoring({ ...doc, body: { at: 3 } }, { ifMatch: read?.etag }));
    expect(stale.category).toBe('conflict');
    expect(await registry.getMonitoring('cas', 'checkpoint')).toEqual({
      ...doc,
      body: { at: 2 },
      etag: moved.etag,
    });
  });

  it('pings; an unreachable Cosmos is unavailable', async () => {
    await registry.ping();
    const dead = new CosmosRegistry(
      cosmosClient({ kind: 'key', endpoint: 'http://127.0.0.1:9/', key: 'a2V5', database: 'mlops' }),
    );
    const err = await failure(dead.ping());
    expect([err.category, err.message]).toEqual([
      'unavailable',
      'Cosmos DB is unavailable (ECONNREFUSED) while accessing the account',
    ]);
    const read = await failure(dead.getVersion('m', 1));
    expect(read.category).toBe('unavailable');
  });
});
