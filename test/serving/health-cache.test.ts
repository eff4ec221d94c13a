import { describe, expect, it } from 'vitest';
import { HealthCache } from '../../src/serving/health-cache';

describe('HealthCache', () => {
  it('checks at most once per TTL, sharing the check between callers', async () => {
    let calls = 0;
    let now = 1000;
    const cache = new HealthCache(
      () => ({ blob: async () => void calls++ }),
      5000,
      () => now,
    );
    const [a, b] = await Promise.all([cache.report(), cache.report()]);
    expect(a).toBe(b);
    now += 4999;
    await cache.report();
    expect(calls).toBe(1);
    now += 1;
    expect((await cache.report()).status).toBe('healthy');
    expect(calls).toBe(2);
  });
});
