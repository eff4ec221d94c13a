import { app } from '@azure/functions';
import { appAdapters } from './app-context';
import { checkHealth, type Probe } from '../serving/health';
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

app.http('health', {
  methods: ['GET'],
  authLevel: 'anonymous',
  route: 'health',
  handler: async () => {
    const report = await checkHealth(dependencyProbes());
    if (report.status === 'healthy') return { status: 200, jsonBody: report };
    return { status: 503, headers: { 'retry-after': '10' }, jsonBody: report };
  },
});
