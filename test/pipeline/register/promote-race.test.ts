// Registration races on the memory ports: whichever order two validated candidates register in,
// the better one ends in production and the worse one never stays there.
import { describe, expect, it } from 'vitest';
import { settlementFor } from '../../../src/error-outcomes';
import { AppError } from '../../../src/errors';
import { permanentFailure } from '../../../src/pipeline/failure';
import { TAXI_SPEC, taxiCsv } from '../../support/taxi-data';
import { registerRun, trainDrop, validateRun } from '../chain';
import { memoryDeps, type MemoryDeps } from '../memory-ports';

async function twoCandidates(): Promise<{ deps: MemoryDeps; clean: string; noisy: string }> {
  const deps = memoryDeps();
  // Served models trained on their train rows only, so a later candidate's holdout (the same days)
  // is data the champion never saw and the change gates compare them.
  deps.memory.registry.specs.set('race', { ...TAXI_SPEC, validation: { refit: false } });
  const clean = await trainDrop(deps, 'race', 'clean.csv', taxiCsv({ seed: 12 }));
  const noisy = await trainDrop(deps, 'race', 'noisy.csv', taxiCsv({ seed: 12, noise: 12 }));
  return { deps, clean, noisy };
}

describe('promotion races', () => {
  it('the noisy model registers first, then the clean one re-checks against it and replaces it', async () => {
    const { deps, clean, noisy } = await twoCandidates();
    const [cleanReq, noisyReq] = [await validateRun(deps, clean), await validateRun(deps, noisy)];
    expect(cleanReq.championVersion).toBeUndefined();
    expect(noisyReq.championVersion).toBeUndefined();
    expect(await registerRun(deps, noisyReq)).toEqual({ kind: 'promoted', version: 2 });
    expect(await registerRun(deps, cleanReq)).toEqual({ kind: 'promoted', version: 1, previous: 2 });
    expect((await deps.registry.getAlias('race', 'production'))?.version).toBe(1);
    expect((await deps.registry.getVersion('race', 2))?.status).toBe('archived');
    expect((await deps.registry.getVersion('race', 1))?.status).toBe('production');
    expect(await deps.registry.getRun('race', clean)).toMatchObject({ status: 'succeeded', version: 1 });
  });

  it('the clean model registers first; the noisy one, validated without a champion, is beaten on re-check', async () => {
    const { deps, clean, noisy } = await twoCandidates();
    const [cleanReq, noisyReq] = [await validateRun(deps, clean), await validateRun(deps, noisy)];
    expect(await registerRun(deps, cleanReq)).toEqual({ kind: 'promoted', version: 1 });
    const outcome = await registerRun(deps, noisyReq);
    expect(outcome).toMatchObject({ kind: 'rejected', version: 2 });
    const reasons = outcome.kind === 'rejected' ? outcome.reasons : [];
    expect(reasons[0]).toBe('production moved to v1 while this version was validated');
    expect(reasons[1]).toMatch(/^rmse [0-9.]+ vs production v1 [0-9.]+: not lower by the required 0$/);
    expect((await deps.registry.getAlias('race', 'production'))?.version).toBe(1);
    expect((await deps.registry.getVersion('race', 2))?.status).toBe('rejected');
    expect(await deps.registry.getRun('race', noisy)).toMatchObject({
      status: 'failed',
      error: { code: 'rejected' },
    });
  });

  it('a lost compare-and-swap re-reads the alias and judges against the winner', async () => {
    const { deps, clean, noisy } = await twoCandidates();
    const [cleanReq, noisyReq] = [await validateRun(deps, clean), await validateRun(deps, noisy)];
    // The clean model wins the swap the noisy one is about to make.
    let raced = false;
    deps.memory.registry.beforeSetAlias = async () => {
      if (raced) return;
      raced = true;
      deps.memory.registry.beforeSetAlias = undefined;
      await registerRun(deps, cleanReq);
    };
    const outcome = await registerRun(deps, noisyReq);
    expect(outcome.kind).toBe('rejected');
    expect((await deps.registry.getAlias('race', 'production'))?.version).toBe(1);
  });

  it('a swap lost on every attempt is a conflict (alias_contention) that the message retries', async () => {
    const { deps, clean } = await twoCandidates();
    const req = await validateRun(deps, clean);
    deps.memory.registry.beforeSetAlias = () =>
      Promise.reject(new AppError('conflict', 'etag_mismatch', 'alias production of race was changed'));
    const error = await registerRun(deps, req).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      category: 'conflict',
      code: 'alias_contention',
      message: 'The production alias of race kept changing during 10 attempts',
      details: { model: 'race' },
    });
    expect(permanentFailure(error)).toBeUndefined();
    expect(settlementFor('service-bus', (error as AppError).category)).toBe('retry');
  });

  it('is idempotent: a redelivered register message changes nothing', async () => {
    const { deps, clean } = await twoCandidates();
    const req = await validateRun(deps, clean);
    await registerRun(deps, req);
    const alias = await deps.registry.getAlias('race', 'production');
    expect(await registerRun(deps, req)).toEqual({ kind: 'already_done', runId: clean });
    expect(await deps.registry.getAlias('race', 'production')).toEqual(alias);
  });
});
