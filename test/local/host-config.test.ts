import { describe, expect, it } from 'vitest';
import { DEFAULT_HOST_CONFIG, hostConfigFrom, parseTimeSpan } from '../../src/local/host-config';

describe('parseTimeSpan', () => {
  it.each([
    ['00:00:05', 5_000],
    ['00:00:00.200', 200],
    ['01:02:03', 3_723_000],
    ['1.00:00:00', 86_400_000],
  ])('%s → %i ms', (text, ms) => {
    expect(parseTimeSpan(text, 'f')).toBe(ms);
  });

  it('names the field of a bad value', () => {
    expect(() => parseTimeSpan('5s', 'queues.visibilityTimeout')).toThrow(
      'host.json queues.visibilityTimeout: "5s" is not a TimeSpan like "00:00:05".',
    );
  });
});

describe('hostConfigFrom', () => {
  it('uses the host defaults for an empty host.json', () => {
    expect(hostConfigFrom({ version: '2.0' })).toEqual(DEFAULT_HOST_CONFIG);
  });

  it('reads the queue, blob, Service Bus, http and timeout settings', () => {
    const config = hostConfigFrom({
      functionTimeout: '00:10:00',
      extensions: {
        http: { routePrefix: '/v1/' },
        queues: {
          maxPollingInterval: '00:00:02',
          visibilityTimeout: '00:00:05',
          batchSize: 64,
          newBatchThreshold: 4,
          maxDequeueCount: 3,
          messageEncoding: 'none',
        },
        blobs: { maxDegreeOfParallelism: 2 },
        serviceBus: { maxConcurrentCalls: 4, maxAutoLockRenewalDuration: '00:10:00' },
      },
    });
    expect(config).toEqual({
      routePrefix: 'v1',
      queues: {
        maxPollingIntervalMs: 2_000,
        visibilityTimeoutMs: 5_000,
        batchSize: 32,
        newBatchThreshold: 4,
        maxDequeueCount: 3,
        messageEncoding: 'none',
      },
      blobs: { maxDegreeOfParallelism: 2 },
      serviceBus: { maxConcurrentCalls: 4, maxAutoLockRenewalDurationMs: 600_000 },
      functionTimeoutMs: 600_000,
    });
  });

  it('accepts an empty route prefix', () => {
    expect(hostConfigFrom({ extensions: { http: { routePrefix: '' } } }).routePrefix).toBe('');
  });
});
