import type { DriftCheckDeps } from '../monitoring/drift/check-model-drift';
import type { FanOutDeps } from '../monitoring/drift/monitor-drift';
import { createTrialMoves } from '../pipeline/promote/trial-moves';
import { appAdapters, appConfig } from './app-context';

/** What the drift check is given: the shared adapters, the trial moves and the names it reads. */
export function driftCheckDeps(): DriftCheckDeps {
  const config = appConfig();
  const adapters = appAdapters();
  return {
    ...adapters,
    trials: createTrialMoves(adapters),
    settings: { containers: config.containers, queues: config.queues },
  };
}

/** What the monitor timer is given. */
export function fanOutDeps(): FanOutDeps {
  return { ...appAdapters(), driftQueue: appConfig().queues.drift };
}
