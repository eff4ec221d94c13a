import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The host.json settings the local runtime honours, with the host's defaults. */
export interface HostConfig {
  routePrefix: string;
  queues: {
    /** Longest wait between polls of an empty queue (host default 1 min). */
    maxPollingIntervalMs: number;
    /** Delay before a failed message becomes visible again (host default 0). */
    visibilityTimeoutMs: number;
    batchSize: number;
    newBatchThreshold: number;
    maxDequeueCount: number;
    messageEncoding: 'base64' | 'none';
  };
  blobs: { maxDegreeOfParallelism: number };
  serviceBus: {
    /** Messages handled at once per function (host default 16 per core; 16 here). */
    maxConcurrentCalls: number;
    /** How long a running handler's lock keeps being renewed (host default 5 min). */
    maxAutoLockRenewalDurationMs: number;
  };
  functionTimeoutMs: number;
}

export const DEFAULT_HOST_CONFIG: HostConfig = {
  routePrefix: 'api',
  queues: {
    maxPollingIntervalMs: 60_000,
    visibilityTimeoutMs: 0,
    batchSize: 16,
    newBatchThreshold: 8,
    maxDequeueCount: 5,
    messageEncoding: 'base64',
  },
  blobs: { maxDegreeOfParallelism: 8 },
  serviceBus: { maxConcurrentCalls: 16, maxAutoLockRenewalDurationMs: 5 * 60_000 },
  functionTimeoutMs: 30 * 60_000,
};

/** Parses a host.json TimeSpan ("hh:mm:ss[.fff]" or "d.hh:mm:ss") into milliseconds. */
export function parseTimeSpan(value: string, field: string): number {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/.exec(value.trim());
  if (!match) throw new Error(`host.json ${field}: "${value}" is not a TimeSpan like "00:00:05".`);
  const [, days, hours, minutes, seconds, fraction] = match;
  const ms = fraction ? Number(`0.${fraction}`) * 1000 : 0;
  return (
    ((Number(days ?? 0) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Number(seconds) * 1000 + ms
  );
}

/** Reads host.json from `dir` (host defaults when absent) into a HostConfig. */
export function loadHostConfig(dir: string): HostConfig {
  const file = path.join(dir, 'host.json');
  if (!existsSync(file)) return DEFAULT_HOST_CONFIG;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`host.json is not valid JSON (${(err as Error).message}).`, { cause: err });
  }
  return hostConfigFrom(json);
}

/** Builds a HostConfig from parsed host.json content. */
export function hostConfigFrom(json: unknown): HostConfig {
  const root = asObject(json);
  const extensions = asObject(root.extensions);
  const http = asObject(extensions.http);
  const queues = asObject(extensions.queues);
  const blobs = asObject(extensions.blobs);
  const serviceBus = asObject(extensions.serviceBus);
  const d = DEFAULT_HOST_CONFIG;
  const time = (v: unknown, field: string, fallback: number): number =>
    typeof v === 'string' ? parseTimeSpan(v, field) : fallback;
  const num = (v: unknown, fallback: number): number => (typeof v === 'number' && v >= 0 ? v : fallback);
  return {
    routePrefix:
      typeof http.routePrefix === 'string' ? http.routePrefix.replace(/^\/+|\/+$/g, '') : d.routePrefix,
    queues: {
      maxPollingIntervalMs: time(
        queues.maxPollingInterval,
        'queues.maxPollingInterval',
        d.queues.maxPollingIntervalMs,
      ),
      visibilityTimeoutMs: time(
        queues.visibilityTimeout,
        'queues.visibilityTimeout',
        d.queues.visibilityTimeoutMs,
      ),
      batchSize: Math.min(32, Math.max(1, num(queues.batchSize, d.queues.batchSize))),
      newBatchThreshold: num(queues.newBatchThreshold, d.queues.newBatchThreshold),
      maxDequeueCount: Math.max(1, num(queues.maxDequeueCount, d.queues.maxDequeueCount)),
      messageEncoding: queues.messageEncoding === 'none' ? 'none' : 'base64',
    },
    blobs: {
      maxDegreeOfParallelism: Math.max(1, num(blobs.maxDegreeOfParallelism, d.blobs.maxDegreeOfParallelism)),
    },
    serviceBus: {
      maxConcurrentCalls: Math.max(1, num(serviceBus.maxConcurrentCalls, d.serviceBus.maxConcurrentCalls)),
      maxAutoLockRenewalDurationMs: time(
        serviceBus.maxAutoLockRenewalDuration,
        'serviceBus.maxAutoLockRenewalDuration',
        d.serviceBus.maxAutoLockRenewalDurationMs,
      ),
    },
    functionTimeoutMs: time(root.functionTimeout, 'functionTimeout', d.functionTimeoutMs),
  };
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
