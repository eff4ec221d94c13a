import type { HttpResponseInit } from '@azure/functions';
import { httpStatusFor } from '../error-outcomes';
import type { Probe } from '../serving/health';
import { HealthCache } from '../serving/health-cache';
import { errorHeaders } from '../serving/http/error-response';
import { appAdapters } from './app-context';
import { httpRoute } from './http/http-route';
import { servingCacheProbe } from './serving-context';

let probes: Record<string, Probe> | undefined;

/** Probes built on first request: a bad setting shows up as a failed `config` check, not a failed start. */
function dependencyProbes(): Record<string, Probe> {
  if (probes) return probes;
  try {
    const { blobs, queue, registry } = appAdapters();
    probes = {
      blob: () => blobs.ping(),
      queue: () => queue.ping(),
      cosmos: () => registry.ping(),
      predictionCache: servingCacheProbe(),
    };
  } catch (err) {
    probes = { config: () => Promise.reject(err) };
  }
  return probes;
}

const health = new HealthCache(dependencyProbes);

/** 200, or the status and Retry-After of a dependency down (the error mapper's). */
function answer(healthy: boolean, jsonBody: unknown): HttpResponseInit {
  return healthy
    ? { status: 200, jsonBody }
    : { status: httpStatusFor('unavailable'), headers: errorHeaders('unavailable'), jsonBody };
}

// Anonymous: the status alone. Which dependency is down, and why, is for key holders
// (health/details): error text can name hosts and settings.
httpRoute('health', async () => {
  const { status } = await health.report();
  return answer(status === 'healthy', { status });
});

httpRoute('healthDetails', async () => {
  const report = await health.report();
  return answer(report.status === 'healthy', report);
});
