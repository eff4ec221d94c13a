import { app } from '@azure/functions';
import { appAdapters } from './app-context';
import type { Probe } from '../serving/health';
import { HealthCache } from '../serving/health-cache';
import { httpOptions } from '../serving/openapi/routes';
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
const UNHEALTHY = { 'retry-after': '10' };

// Anonymous: the status alone. Which dependency is down, and why, is for key holders
// (health/details): error text can name hosts and settings.
app.http('health', {
  ...httpOptions('health'),
  handler: async () => {
    const { status } = await health.report();
    return status === 'healthy'
      ? { status: 200, jsonBody: { status } }
      : { status: 503, headers: UNHEALTHY, jsonBody: { status } };
  },
});

httpRoute('healthDetails', async () => {
  const report = await health.report();
  return report.status === 'healthy'
    ? { status: 200, jsonBody: report }
    : { status: 503, headers: UNHEALTHY, jsonBody: report };
});
