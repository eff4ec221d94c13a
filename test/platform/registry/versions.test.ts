import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
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

describe('CosmosRegistry versions', () => {
  it('numbers versions 1, 2, ... per model and reads them back as plain entities', async () => {
    const v1 = await registry.createVersion(newVersion('taxi', 'run-1'));
    const v2 = await registry.createVersion(newVersion('taxi', 'run-2'));
    const other = await registry.createVersion(newVersion('bikes', 'run-1'));
    expect([v1.version, v2.version, other.version]).toEqual([1, 2, 1]);
    const read = await registry.getVersion('taxi', 1);
    expect(read).toEqual({
      ...newVersion('taxi', 'run-1'),
      version: 1,
      createdAt: v1.createdAt,
      updatedAt: v1.updatedAt,
      etag: v1.etag,
    });
    expect(Object.keys(read!).filter((k) => k.startsWith('_') || k === 'id' || k === 'type')).toEqual([]);
    expect(await registry.getVersion('taxi', 9)).toBeUndefined();
  });

  it('is idempotent per run', async () => {
    const first = await registry.createVersion(newVersion('idem', 'run-a'));
    const again = await registry.createVersion(newVersion('idem', 'run-a'));
    expect(again.version).toBe(first.version);
    expect((await registry.findVersionByRun('idem', 'run-a'))?.version).toBe(first.version);
    expect(await registry.findVersionByRun('idem', 'run-zzz')).toBeUndefined();
  });

  it('gives 8 racing registrations 8 distinct increasing numbers', async () => {
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) => registry.createVersion(newVersion('race', `run-${i}`))),
    );
    expect(created.map((v) => v.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const next = await registry.createVersion(newVersion('race', 'run-9'));
    expect(next.version).toBe(9);
  });

  it('racing deliveries of one run end with one version', async () => {
    const created = await Promise.all(
      Array.from({ length: 4 }, () => registry.createVersion(newVersion('dup', 'same-run'))),
    );
    expect(new Set(created.map((v) => v.version))).toEqual(new Set([1]));
    expect((await registry.listVersions('dup')).items.map((v) => v.version)).toEqual([1]);
  });

  it('pages versions newest first with continuation tokens', async () => {
    for (let i = 0; i < 5; i++) await registry.createVersion(newVersion('paged', `run-${i}`));
    const seen: number[][] = [];
    let token: string | undefined;
    do {
      const page = await registry.listVersions('paged', { pageSize: 2, continuationToken: token });
      seen.push(page.items.map((v) => v.version));
      token = page.continuationToken;
    } while (token);
    expect(seen.flat()).toEqual([5, 4, 3, 2, 1]);
    expect(seen[0]).toEqual([5, 4]);
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });

  it('updates status with an ETag guard', async () => {
    const v = await registry.createVersion(newVersion('status', 'run-1'));
    const validated = await registry.updateVersionStatus('status', v.version, 'validated', {
      ifMatch: v.etag,
    });
    expect(validated).toMatchObject({ status: 'validated' });
    expect(validated.etag).not.toBe(v.etag);
    const err = await failure(
      registry.updateVersionStatus('status', v.version, 'rejected', { ifMatch: v.etag }),
    );
    expect([err.category, err.message]).toEqual([
      'conflict',
      'version 1 of model status was changed by someone else (ETag mismatch)',
    ]);
    const reread = await registry.getVersion('status', v.version);
    expect(reread?.status).toBe('validated');
    const missing = await failure(registry.updateVersionStatus('status', 42, 'archived'));
    expect([missing.category, missing.message]).toEqual(['not_found', 'Model status has no version 42']);
  });

  it('refuses a model name that cannot be a document id', async () => {
    const err = await failure(registry.createVersion(newVersion('a/b', 'run-1')));
    expect([err.category, err.message]).toEqual([
      'invalid',
      `Invalid model name "a/b": use 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit`,
    ]);
  });
});
