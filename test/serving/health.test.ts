import { describe, expect, it } from 'vitest';
import { checkHealth, type Probe } from '../../src/serving/health';

const up: Probe = () => Promise.resolve();
const down: Probe = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:8081'));
const hangs: Probe = () => new Promise(() => undefined);
const throwsNow: Probe = () => {
  throw new Error('bad setting');
};

describe('checkHealth', () => {
  it.each([
    ['all up', { blob: up, queue: up }, 'healthy', { blob: 'up', queue: 'up' }],
    ['one refused', { blob: up, cosmos: down }, 'unhealthy', { blob: 'up', cosmos: 'down' }],
    ['one hangs', { queue: hangs, blob: up }, 'unhealthy', { queue: 'down', blob: 'up' }],
    ['one throws synchronously', { config: throwsNow }, 'unhealthy', { config: 'down' }],
    ['no probes', {}, 'healthy', {}],
  ])('%s', async (_name, probes, status, checks) => {
    const report = await checkHealth(probes, 50);
    expect(report.status).toBe(status);
    expect(Object.fromEntries(Object.entries(report.checks).map(([k, v]) => [k, v.status]))).toEqual(checks);
  });

  it('says why a dependency is down', async () => {
    const report = await checkHealth({ cosmos: down, queue: hangs }, 50);
    expect(report.checks.cosmos!.error).toBe('connect ECONNREFUSED 127.0.0.1:8081');
    expect(report.checks.queue!.error).toBe('no answer within 50 ms');
    expect(report.checks.queue!.durationMs).toBeGreaterThanOrEqual(45);
  });
});
