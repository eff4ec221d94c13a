import type { DriftCheckDeps } from '../monitoring/drift/check-model-drift';
import type { FanOutDeps } from '../monitoring/drift/monitor-drift';
import { appAdapters, appConfig } from './app-context';

/** What the drift check is given: the shared adapters and the names it reads. */
export function driftCheckDeps(): DriftCheckDeps {
  const config = appConfig();
  return { ...appAdapters(), settings: { containers: config.containers, queues: config.queues } };
}

/** What the monitor timer is given. */
export function fanOutDeps(): FanOutDeps {
  return { ...appAdapters(), driftQueue: appConfig().queues.drift };
}
