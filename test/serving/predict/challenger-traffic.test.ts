// Predict with a challenger beside production, on real trained versions (memory ports): shadow
// rows logged after the answer under the same request id, sticky canary routing, a challenger
// that fails to load retired while production keeps answering, and a bounded shadow backlog.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChallengerTrial } from '../../../src/domain/alias';
import { createTrialMoves } from '../../../src/pipeline/promote/trial-moves';
import { ChallengerTraffic, routingShare } from '../../../src/serving/predict/challenger-traffic';
import { predict } from '../../../src/serving/predict/predict';
import type { MemoryDeps } from '../../pipeline/memory-ports';
import { jsonBody, predictDeps, TAXI_ROW, trainedTaxi } from './served-versions';

let deps: MemoryDeps;
let production: number;
let challenger: number;

beforeEach(async () => {
  deps = await trainedTaxi(2);
  production = (await deps.registry.getAlias('taxi', 'production'))!.version;
  challenger = production === 1 ? 2 : 1;
  deps.memory.registry.patch('taxi', challenger, { status: 'validated' });
}, 120_000);

async function onTrial(trial: Omit<ChallengerTrial, 'since' | 'against' | 'origin'>): Promise<void> {
  deps.memory.registry.patch('taxi', challenger, { status: 'challenger' });
  await deps.registry.setAlias('taxi', 'challenger', challenger, null, 'test', {
    ...trial,
    since: new Date().toISOString(),
    against: production,
    origin: 'manual',
  });
}

function serving(maxBacklog?: number, batchMs?: number) {
  const p = predictDeps(deps);
  const traffic = new ChallengerTraffic({
    cache: p.cache,
    moves: createTrialMoves(deps),
    ...(maxBacklog !== undefined && { maxBacklog }),
    ...(batchMs !== undefined && { batchMs }),
  });
  return { p: { ...p, challengers: traffic }, traffic };
}

/** Until every shadow scoring queued so far has run. */
async function shadowsDone(traffic: ChallengerTraffic): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  while (traffic.backlog > 0) await new Promise((resolve) => setTimeout(resolve, 5));
}

const rows = [TAXI_ROW, { ...TAXI_ROW, zone: 'Z01', temperature_c: 21 }];

describe('predict with a shadow challenger', () => {
  it('answers with production and logs the challenger scored beside it, same request id and rows', async () => {
    await onTrial({ mode: 'shadow' });
    const { p, traffic } = serving();
    const answer = await predict(p, { model: 'taxi', body: jsonBody({ rows }) });
    expect(answer.version).toBe(production);
    await shadowsDone(traffic);
    const pinned = await predict(predictDeps(deps), {
      model: 'taxi',
      version: challenger,
      body: jsonBody({ rows }),
    });
    expect(p.logged.map((r) => [r.requestId, r.row, r.version, r.shadow])).toEqual([
      [answer.requestId, 0, production, undefined],
      [answer.requestId, 1, production, undefined],
      [answer.requestId, 0, challenger, true],
      [answer.requestId, 1, challenger, true],
    ]);
    expect(p.logged.slice(2).map((r) => r.prediction)).toEqual(pinned.predictions);
    expect(pinned.predictions).not.toEqual(answer.predictions);
  });

  it('gathers the shadows of concurrent requests into one scoring, each request getting its own rows', async () => {
    await onTrial({ mode: 'shadow' });
    // A wide gathering window, so a slow machine still sees the six requests in one batch.
    const { p, traffic } = serving(undefined, 500);
    const requests = Array.from({ length: 6 }, (_, i) =>
      Array.from({ length: i + 1 }, (_, r) => ({ ...TAXI_ROW, temperature_c: i * 3 + r })),
    );
    const served = await p.cache.resolve('taxi', challenger);
    let calls = 0;
    const score = served.score.bind(served);
    served.score = (...args: Parameters<typeof score>) => {
      calls++;
      return score(...args);
    };
    try {
      const answers = await Promise.all(
        requests.map((rs) => predict(p, { model: 'taxi', body: jsonBody({ rows: rs }) })),
      );
      await shadowsDone(traffic);
      expect(calls).toBe(1);
      const single = predictDeps(deps);
      for (const [i, answer] of answers.entries()) {
        const shadow = p.logged.filter((r) => r.requestId === answer.requestId && r.shadow);
        expect(shadow.map((r) => r.row)).toEqual(requests[i]!.map((_, r) => r));
        const pinned = await predict(single, {
          model: 'taxi',
          version: challenger,
          body: jsonBody({ rows: requests[i] }),
        });
        expect(shadow.map((r) => r.prediction)).toEqual(pinned.predictions);
      }
    } finally {
      served.score = score;
    }
  });

  it('a request pinned with ?version=N meets no trial', async () => {
    await onTrial({ mode: 'shadow' });
    const { p, traffic } = serving();
    await predict(p, { model: 'taxi', version: production, body: jsonBody({ rows }) });
    await shadowsDone(traffic);
    expect(p.logged.every((r) => r.shadow === undefined && r.version === production)).toBe(true);
    expect(p.logged).toHaveLength(2);
  });

  it('a full backlog skips the shadow scoring and counts it; the answer is unchanged', async () => {
    await onTrial({ mode: 'shadow' });
    const { p, traffic } = serving(0);
    const answer = await predict(p, { model: 'taxi', body: jsonBody({ rows }) });
    await shadowsDone(traffic);
    expect(answer.version).toBe(production);
    expect(traffic.skipped).toBe(1);
    expect(p.logged.filter((r) => r.shadow)).toHaveLength(0);
  });

  it('a challenger whose artifact does not load is retired with the reason; production keeps answering', async () => {
    await onTrial({ mode: 'shadow' });
    const key = `${deps.settings.containers.models}/taxi/${challenger}/model.onnx`;
    deps.memory.blobs.files.get(key)!.data = Buffer.from('not an onnx model');
    const { p, traffic } = serving();
    const answer = await predict(p, { model: 'taxi', body: jsonBody({ rows }) });
    expect(answer.version).toBe(production);
    await shadowsDone(traffic);
    for (let i = 0; i < 500 && (await deps.registry.getAlias('taxi', 'challenger')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await deps.registry.getAlias('taxi', 'challenger')).toBeUndefined();
    const v = await deps.registry.getVersion('taxi', challenger);
    expect(v?.status).toBe('validated');
    expect(v?.trial?.outcome).toBe('failed_to_load');
    expect(v?.trial?.reason).toMatch(/^its artifact failed to load for serving: .*sha256/);
    // Later requests are answered by production alone.
    const again = await predict(p, { model: 'taxi', body: jsonBody({ rows }) });
    expect(again.version).toBe(production);
  });
});

describe('predict with a canary challenger', () => {
  it('answers a sticky share of routing keys with the challenger and scores production beside them', async () => {
    await onTrial({ mode: 'canary', share: 0.5 });
    const { p, traffic } = serving();
    const keys = Array.from({ length: 40 }, (_, i) => `client-${i}`);
    const answeredBy = new Map<string, number>();
    for (const key of keys) {
      const answer = await predict(p, { model: 'taxi', body: jsonBody({ rows }), routingKey: key });
      answeredBy.set(key, answer.version);
      const expected = routingShare('taxi', key) < 0.5 ? challenger : production;
      expect([key, answer.version]).toEqual([key, expected]);
    }
    const both = new Set(answeredBy.values());
    expect(both).toEqual(new Set([production, challenger]));
    // Sticky: the same key lands on the same side again.
    for (const key of keys.slice(0, 10)) {
      const answer = await predict(p, { model: 'taxi', body: jsonBody({ rows }), routingKey: key });
      expect(answer.version).toBe(answeredBy.get(key));
    }
    await shadowsDone(traffic);
    // Every request was scored by both: answered rows and shadow rows pair up one to one.
    const answered = p.logged.filter((r) => !r.shadow);
    const shadow = p.logged.filter((r) => r.shadow);
    expect(shadow).toHaveLength(answered.length);
    const pairs = new Set(answered.map((r) => `${r.requestId}:${r.row}:${r.version}`));
    for (const r of shadow) {
      const other = r.version === production ? challenger : production;
      expect(pairs.has(`${r.requestId}:${r.row}:${other}`)).toBe(true);
    }
  });

  it('spreads routing keys over [0, 1) evenly enough for a share to hold', () => {
    const n = 10_000;
    let below = 0;
    for (let i = 0; i < n; i++) if (routingShare('m', `k${i}`) < 0.1) below++;
    expect(below / n).toBeGreaterThan(0.09);
    expect(below / n).toBeLessThan(0.11);
  });
});
