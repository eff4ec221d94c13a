// Challengers on the memory ports: the register step puts a validated version on trial when the
// spec says shadow or canary, startTrial refuses what cannot be a challenger, and the trial moves
// promote, retire and record by compare-and-swap.
import { describe, expect, it } from 'vitest';
import type { LiveComparison, TrialTotals } from '../../../src/domain/trial';
import { AppError } from '../../../src/errors';
import { startTrial, type StartTrialCommand } from '../../../src/pipeline/promote/start-trial';
import { createTrialMoves, retireChallenger } from '../../../src/pipeline/promote/trial-moves';
import { setProductionAlias } from '../../../src/pipeline/promote/set-production-alias';
import { RecordingTelemetry } from '../../platform/telemetry/recording-telemetry';
import { TAXI_SPEC, taxiCsv } from '../../support/taxi-data';
import { registerRun, trainDrop, validateRun } from '../chain';
import { memoryDeps, type MemoryDeps } from '../memory-ports';

async function dropAndRegister(deps: MemoryDeps, name: string, csv: string, retrain?: boolean) {
  const runId = await trainDrop(
    deps,
    'trial',
    name,
    csv,
    retrain ? { trigger: 'drift', reason: 'drift', requestedAt: new Date().toISOString() } : undefined,
  );
  return { runId, outcome: await registerRun(deps, await validateRun(deps, runId)) };
}

/** v1 in production (noisy data), then v2 (clean data, better) validated under `spec`. */
async function secondVersion(spec: Record<string, unknown>, retrain = false) {
  const deps = memoryDeps();
  deps.memory.registry.specs.set('trial', { ...TAXI_SPEC, validation: { refit: false }, ...spec });
  const first = await dropAndRegister(deps, 'noisy.csv', taxiCsv({ days: 20, seed: 12, noise: 12 }));
  expect(first.outcome).toEqual({ kind: 'promoted', version: 1 });
  const second = await dropAndRegister(deps, 'clean.csv', taxiCsv({ days: 20, seed: 12 }), retrain);
  return { deps, second };
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const evidence = (over: Partial<LiveComparison> = {}): LiveComparison => ({
  checkedAt: '2026-12-01T10:00:00.000Z',
  productionVersion: 1,
  rows: 250,
  unpaired: 0,
  minRows: 200,
  errorMetric: 'absolute_error',
  productionError: 5,
  challengerError: 3,
  test: 'paired_t',
  statistic: 4.2,
  pValue: 0.0001,
  alpha: 0.05,
  decision: 'promote',
  reason: 'mean absolute error 3 vs 5 on 250 rows, p = 0.0001 < 0.05',
  ...over,
});

const totals: TrialTotals = {
  rows: 250,
  productionError: 1250,
  challengerError: 750,
  sumDiff: 500,
  sumDiffSq: 1500,
  productionOnlyRight: 0,
  challengerOnlyRight: 0,
  unpaired: 0,
  through: '2026-12-01T10:00:00.000Z',
};

describe('the register step with deployment.promotion', () => {
  it('shadow: a validated version that would be promoted becomes the challenger beside production', async () => {
    const { deps, second } = await secondVersion({ deployment: { promotion: 'shadow' } });
    expect(second.outcome).toEqual({ kind: 'challenger', version: 2, against: 1 });
    expect((await deps.registry.getAlias('trial', 'production'))?.version).toBe(1);
    const challenger = await deps.registry.getAlias('trial', 'challenger');
    expect(challenger).toMatchObject({
      version: 2,
      trial: { mode: 'shadow', against: 1, origin: 'deployment' },
    });
    expect(challenger?.trial?.share).toBeUndefined();
    const v2 = await deps.registry.getVersion('trial', 2);
    expect(v2?.status).toBe('challenger');
    expect(v2?.trial).toMatchObject({ mode: 'shadow', against: 1, origin: 'deployment', comparisons: [] });
    expect(await deps.registry.getRun('trial', second.runId)).toMatchObject({
      status: 'succeeded',
      version: 2,
    });
    // A redelivered register message finds it on trial and changes nothing.
    const again = await registerRun(deps, await validateRun(deps, second.runId));
    expect(again.kind).not.toBe('promoted');
    expect((await deps.registry.getAlias('trial', 'production'))?.version).toBe(1);
  });

  it("canary: the challenger answers the spec's share", async () => {
    const { deps, second } = await secondVersion({ deployment: { promotion: 'canary', share: 0.25 } });
    expect(second.outcome).toMatchObject({ kind: 'challenger', version: 2 });
    expect((await deps.registry.getAlias('trial', 'challenger'))?.trial).toMatchObject({
      mode: 'canary',
      share: 0.25,
    });
  });

  it('a third version while one is on trial stays validated and its run says why', async () => {
    const { deps } = await secondVersion({ deployment: { promotion: 'shadow' } });
    const third = await dropAndRegister(deps, 'clean2.csv', taxiCsv({ days: 20, seed: 13 }));
    expect(third.outcome).toMatchObject({ kind: 'validated', version: 3 });
    const v3 = await deps.registry.getVersion('trial', 3);
    expect(v3?.status).toBe('validated');
    expect(v3?.statusReason).toMatch(/not put on trial: .*already has a challenger, version 2/);
    expect((await deps.registry.getAlias('trial', 'challenger'))?.version).toBe(2);
  });

  it('direct (the default) promotes as before', async () => {
    const { deps, second } = await secondVersion({});
    expect(second.outcome).toEqual({ kind: 'promoted', version: 2, previous: 1 });
    expect(await deps.registry.getAlias('trial', 'challenger')).toBeUndefined();
  });

  it('retrain.promotion shadow sends automatic retrains through a trial while new data goes direct', async () => {
    const { deps, second } = await secondVersion({ retrain: { promotion: 'shadow' } }, true);
    expect(second.outcome).toEqual({ kind: 'challenger', version: 2, against: 1 });
    expect((await deps.registry.getAlias('trial', 'challenger'))?.trial?.origin).toBe('retrain');
  });
});

describe('startTrial refuses what cannot be a challenger', () => {
  async function withVersions(): Promise<MemoryDeps> {
    const { deps } = await secondVersion({ deployment: { promotion: 'shadow' } });
    return deps;
  }
  const cmd = (version: number): StartTrialCommand => ({
    model: 'trial',
    version,
    mode: 'shadow',
    origin: 'manual',
  });

  it('the production version, a second challenger, an unknown version', async () => {
    const deps = await withVersions();
    const asProduction = await refusal(startTrial(deps, cmd(1)));
    expect([asProduction.code, asProduction.category]).toEqual(['challenger_exists', 'conflict']);
    await retireChallenger(deps, 'trial', 'make room');
    const production = await refusal(startTrial(deps, cmd(1)));
    expect([production.code, production.category]).toEqual(['challenger_is_production', 'conflict']);
    expect((await refusal(startTrial(deps, cmd(9)))).code).toBe('version_not_found');
    // Retired, v2 is validated again and may go back on trial.
    expect((await startTrial(deps, cmd(2))).version).toBe(2);
    const second = await refusal(startTrial(deps, { ...cmd(2), mode: 'canary', share: 0.2 }));
    expect(second.code).toBe('challenger_exists');
    expect(second.message).toContain('already has a challenger, version 2');
  });

  it('a start cut off between the alias write and the version write is finished when asked again', async () => {
    const deps = await withVersions();
    await retireChallenger(deps, 'trial');
    const trial = { mode: 'shadow', since: new Date().toISOString(), against: 1, origin: 'manual' } as const;
    await deps.registry.setAlias('trial', 'challenger', 2, null, 'by hand', trial);
    expect((await deps.registry.getVersion('trial', 2))?.status).toBe('validated');
    expect(await startTrial(deps, cmd(2))).toMatchObject({ version: 2, trial: { mode: 'shadow' } });
    const v2 = await deps.registry.getVersion('trial', 2);
    expect(v2?.status).toBe('challenger');
    expect(v2?.statusReason).toBe('challenger (shadow) against v1: by hand');
  });

  it('a version that is not validated', async () => {
    const deps = await withVersions();
    await retireChallenger(deps, 'trial');
    deps.memory.registry.patch('trial', 2, { status: 'rejected', statusReason: 'rmse too high' });
    const err = await refusal(startTrial(deps, cmd(2)));
    expect([err.code, err.category]).toEqual(['version_not_validated', 'conflict']);
    expect(err.message).toBe(
      'Version 2 of "trial" is rejected (rmse too high): only a validated version can be a challenger',
    );
  });

  it('no production version to compare with', async () => {
    const deps = await withVersions();
    await retireChallenger(deps, 'trial');
    deps.memory.registry.aliases.delete('trial:production');
    const err = await refusal(startTrial(deps, cmd(2)));
    expect(err.code).toBe('no_production_version');
  });

  it('retiring without a challenger is 404 no_challenger', async () => {
    const deps = await withVersions();
    await retireChallenger(deps, 'trial');
    const err = await refusal(retireChallenger(deps, 'trial'));
    expect([err.code, err.category]).toEqual(['no_challenger', 'not_found']);
  });
});

describe('the trial moves', () => {
  it('promote: production moves to the challenger, the old production is archived, the evidence is kept', async () => {
    const { deps } = await secondVersion({ deployment: { promotion: 'shadow' } });
    const telemetry = new RecordingTelemetry();
    const moves = createTrialMoves({ ...deps, telemetry });
    expect(await moves.record('trial', 2, evidence(), totals)).toBe('recorded');
    expect(await moves.promote('trial', 2, evidence())).toBe('promoted');
    expect((await deps.registry.getAlias('trial', 'production'))?.version).toBe(2);
    expect(await deps.registry.getAlias('trial', 'challenger')).toBeUndefined();
    const [v1, v2] = [await deps.registry.getVersion('trial', 1), await deps.registry.getVersion('trial', 2)];
    expect(v1?.status).toBe('archived');
    expect(v2?.status).toBe('production');
    expect(v2?.trial).toMatchObject({ outcome: 'promoted', totals: { rows: 250 } });
    expect(v2?.trial?.comparisons).toHaveLength(1); // recorded once, not again by the promotion
    expect(v2?.trial?.endedAt).toBeDefined();
    expect(telemetry.of('event').find((e) => e.name === 'ChallengerPromoted')?.properties).toMatchObject({
      model: 'trial',
      version: '2',
      previous: '1',
    });
  });

  it('an operator may promote the challenger through the production alias: its trial ends as promoted', async () => {
    const { deps } = await secondVersion({ deployment: { promotion: 'shadow' } });
    const result = await setProductionAlias(deps, { model: 'trial', version: 2, reason: 'enough seen' });
    expect(result).toMatchObject({ version: 2, previous: 1, action: 'promotion' });
    expect(await deps.registry.getAlias('trial', 'challenger')).toBeUndefined();
    const v2 = await deps.registry.getVersion('trial', 2);
    expect(v2?.status).toBe('production');
    expect(v2?.trial).toMatchObject({ outcome: 'promoted', reason: 'promoted by hand' });
    expect((await deps.registry.getVersion('trial', 1))?.status).toBe('archived');
  });

  it('promote is gone when production moved since the evidence was gathered', async () => {
    const { deps } = await secondVersion({ deployment: { promotion: 'shadow' } });
    const moves = createTrialMoves(deps);
    expect(await moves.promote('trial', 2, evidence({ productionVersion: 3 }))).toBe('gone');
    expect((await deps.registry.getAlias('trial', 'production'))?.version).toBe(1);
    expect((await deps.registry.getAlias('trial', 'challenger'))?.version).toBe(2);
  });

  it('retire: the challenger goes back to validated with the outcome; another version is gone', async () => {
    const { deps } = await secondVersion({ deployment: { promotion: 'shadow' } });
    const moves = createTrialMoves(deps);
    expect(await moves.retire('trial', 1, 'lost', 'worse')).toBe('gone');
    const lost = evidence({ decision: 'retire', challengerError: 7, reason: 'worse on 250 rows' });
    expect(await moves.retire('trial', 2, 'lost', 'worse on 250 rows', lost)).toBe('retired');
    expect(await deps.registry.getAlias('trial', 'challenger')).toBeUndefined();
    const v2 = await deps.registry.getVersion('trial', 2);
    expect(v2?.status).toBe('validated');
    expect(v2?.statusReason).toBe('challenger lost: worse on 250 rows');
    expect(v2?.trial).toMatchObject({ outcome: 'lost', comparisons: [{ challengerError: 7 }] });
    expect(await moves.record('trial', 2, evidence(), totals)).toBe('gone');
  });
});
