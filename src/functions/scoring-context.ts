import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { PredictionLog } from '../serving/prediction-log/prediction-log';
import type { ScoringDeps } from '../serving/batch/score-drop';
import { appAdapters, appConfig } from './app-context';
import { servingContext } from './serving-context';

let deps: ScoringDeps | undefined;
let log: PredictionLog | undefined;

/**
 * The scoring step's deps: the serving side's model cache (one loaded session per version for
 * HTTP and batch alike) and a prediction log of its own, in larger batches than live traffic.
 */
export function scoringDeps(): ScoringDeps {
  if (deps) return deps;
  const config = appConfig();
  const { blobs, registry, versions } = appAdapters();
  const instance = `${process.env.WEBSITE_INSTANCE_ID?.slice(0, 12) ?? hostname()}-${process.pid}-batch-${randomBytes(3).toString('hex')}`;
  log = new PredictionLog({
    blobs,
    container: config.containers.predictionLogs,
    instance,
    batchRows: 10_000,
  });
  deps = {
    blobs,
    registry,
    versions,
    cache: servingContext().cache,
    log,
    settings: {
      containers: { scoring: config.containers.scoring, predictions: config.containers.predictions },
      maxBytes: config.limits.maxDatasetBytes,
    },
  };
  return deps;
}

/** The batch prediction log if scoring built one (what shutdown flushes). */
export function existingScoringLog(): PredictionLog | undefined {
  return log;
}
