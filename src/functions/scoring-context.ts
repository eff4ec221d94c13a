import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { threadId } from 'node:worker_threads';
import { PredictionLog } from '../serving/prediction-log/prediction-log';
import type { ModelCache } from '../serving/model-cache/model-cache';
import type { ScoringDeps } from '../serving/batch/score-drop';
import type { Adapters } from '../platform/adapters';
import type { AppConfig } from '../platform/config';
import { appAdapters, appConfig } from './app-context';
import { servingContext } from './serving-context';

let deps: ScoringDeps | undefined;
let log: PredictionLog | undefined;

/**
 * The scoring step's deps on the host's thread: the serving side's model cache (one loaded session
 * per version for HTTP and batch alike) and a prediction log of its own. Used where there is no
 * compiled scoring worker (tests on the TypeScript sources).
 */
export function scoringDeps(): ScoringDeps {
  if (deps) return deps;
  const built = buildScoringDeps(appConfig(), appAdapters(), servingContext().cache);
  log = built.log;
  deps = built;
  return deps;
}

/** The batch prediction log if scoring built one on this thread (what shutdown flushes). */
export function existingScoringLog(): PredictionLog | undefined {
  return log;
}

/**
 * Scoring deps from parts: a prediction log in larger batches than live traffic, under an
 * instance name of its own, thread included (so its blobs never collide with the live log's nor
 * another scoring thread's).
 */
export function buildScoringDeps(
  config: AppConfig,
  adapters: Pick<Adapters, 'blobs' | 'registry'>,
  cache: ModelCache,
): ScoringDeps & { readonly log: PredictionLog } {
  const { blobs, registry } = adapters;
  const instance = `${process.env.WEBSITE_INSTANCE_ID?.slice(0, 12) ?? hostname()}-${process.pid}-t${threadId}-batch-${randomBytes(3).toString('hex')}`;
  return {
    blobs,
    registry,
    cache,
    log: new PredictionLog({
      blobs,
      container: config.containers.predictionLogs,
      instance,
      batchRows: 10_000,
    }),
    settings: {
      containers: { scoring: config.containers.scoring, predictions: config.containers.predictions },
      maxBytes: config.limits.maxDatasetBytes,
    },
  };
}
