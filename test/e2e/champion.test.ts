// The champion holds: a worse model is rejected with the gate it failed, and when two drops
// race, both get versions with distinct numbers and the better one ends in production.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIdFor } from '../../src/domain/ids';
import { startPipeline, type Pipeline } from '../support/runtime';
import { TAXI_SPEC, taxiCsv } from '../support/taxi-data';

let p: Pipeline;
beforeAll(async () => {
  p = await startPipeline();
});
afterAll(() => p?.stop());

describe('champion', () => {
  it('rejects a worse model (target shuffled) naming the failed gates; production is unchanged', async () => {
    await p.drop('taxi', 'model.json', JSON.stringify(TAXI_SPEC));
    const good = await p.drop('taxi', 'good.csv', taxiCsv());
    expect((await p.finishedRun('taxi', runIdFor('taxi/good.csv', good))).status).toBe('succeeded');
    expect((await p.adapters.registry.getAlias('taxi', 'production'))?.version).toBe(1);

    const worse = await p.drop('taxi', 'shuffled.csv', taxiCsv({ shuffleTarget: true }));
    const run = await p.finishedRun('taxi', runIdFor('taxi/shuffled.csv', worse));
    expect(run).toMatchObject({ status: 'failed', version: 2, error: { code: 'rejected' } });
    const v2 = (await p.adapters.registry.getVersion('taxi', 2))!;
    expect(v2.status).toBe('rejected');
    const failedGates = v2.gates.filter((g) => !g.passed).map((g) => g.reason);
    expect(failedGates).toEqual([expect.stringMatching(/^r2 -[0-9.e-]+ is below the threshold 0$/)]);
    // The champion, refit on all of the same days, saw every holdout row: no fair comparison.
    expect(v2.comparison).toMatchObject({ championVersion: 1, basis: 'time', rows: 0, compared: false });
    expect(v2.gates.map((g) => g.reason)).toContainEqual(
      expect.stringMatching(
        /^0 of \d+ holdout rows are later than production v1's training data .*judged on the absolute gates alone$/,
      ),
    );
    expect(v2.statusReason).toBe(failedGates.join('; '));
    expect(run.error?.message).toBe(`Version 2 was rejected: ${failedGates.join('; ')}`);
    expect((await p.adapters.registry.getAlias('taxi', 'production'))?.version).toBe(1);
    expect((await p.adapters.registry.getVersion('taxi', 1))!.status).toBe('production');
  });

  it('two drops at once: distinct version numbers, the better model in production', async () => {
    // Served models trained on their train rows only: the other drop's holdout (the same days) is
    // then data the champion never saw, so the change gates compare the two. With the default
    // refit, both would have seen every day and the later one would be judged on thresholds alone.
    await p.drop('race', 'model.json', JSON.stringify({ ...TAXI_SPEC, validation: { refit: false } }));
    const [noisy, clean] = await Promise.all([
      p.drop('race', 'noisy.csv', taxiCsv({ seed: 12, noise: 12 })),
      p.drop('race', 'clean.csv', taxiCsv({ seed: 12 })),
    ]);
    const [noisyRun, cleanRun] = await Promise.all([
      p.finishedRun('race', runIdFor('race/noisy.csv', noisy)),
      p.finishedRun('race', runIdFor('race/clean.csv', clean)),
    ]);
    expect(cleanRun.status).toBe('succeeded');
    const numbers = [noisyRun.version, cleanRun.version].sort();
    expect(numbers).toEqual([1, 2]);
    const alias = await p.adapters.registry.getAlias('race', 'production');
    expect(alias?.version).toBe(cleanRun.version);
    const noisyVersion = (await p.adapters.registry.getVersion('race', noisyRun.version!))!;
    // Whichever registered first, the noisy one never stays in production.
    expect(['archived', 'rejected']).toContain(noisyVersion.status);
    const cleanVersion = (await p.adapters.registry.getVersion('race', cleanRun.version!))!;
    expect(cleanVersion.metrics.rmse).toBeLessThan(noisyVersion.metrics.rmse!);
  });
});
