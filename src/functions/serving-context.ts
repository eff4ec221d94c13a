import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Adapters } from '../platform/adapters';
import type { AppConfig } from '../platform/config';
import { appAdapters, appConfig } from './app-context';
import type { Probe } from '../serving/health';
import { staleCacheProbe } from '../serving/model-cache/cache-probe';
import { blobVersionLoader } from '../serving/model-cache/load-version';
import { ModelCache } from '../serving/model-cache/model-cache';
import { PredictionLog } from '../serving/prediction-log/prediction-log';
import type { PredictDeps } from '../serving/predict/predict';
import { ChallengerTraffic } from '../serving/predict/challenger-traffic';
import { createTrialMoves } from '../pipeline/promote/trial-moves';

/** The serving side's long-lived parts: one model cache and one prediction log per process. */
export interface ServingContext extends PredictDeps {
  readonly cache: ModelCache;
  readonly log: PredictionLog;
  readonly challengers: ChallengerTraffic;
}

let context: ServingContext | undefined;

/** Built on first use, from the app settings; undefined until then (see `existingServingContext`). */
export function servingContext(): ServingContext {
  if (context) return context;
  const config = appConfig();
  const { blobs, registry, telemetry } = appAdapters();
  // WEBSITE_INSTANCE_ID names the instance in Azure; pid and a random part keep local ones apart.
  const instance = `${process.env.WEBSITE_INSTANCE_ID?.slice(0, 12) ?? hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const cache = newModelCache(config, { blobs, registry });
  context = {
    cache,
    // A challenger that fails to load is retired here: serving holds the trial moves it needs.
    challengers: new ChallengerTraffic({
      cache,
      moves: createTrialMoves({ registry, telemetry }),
      onError: (err) => telemetry.exception(err, { operation: 'challenger' }),
    }),
    log: new PredictionLog({ blobs, container: config.containers.predictionLogs, instance }),
    limits: config.limits,
    telemetry,
  };
  return context;
}

/** A model cache on the app settings: the serving context's, or a scoring worker's own. */
export function newModelCache(config: AppConfig, adapters: Pick<Adapters, 'blobs' | 'registry'>): ModelCache {
  return new ModelCache({
    registry: adapters.registry,
    load: blobVersionLoader(adapters.blobs, config.containers.models),
    aliasCacheSeconds: config.aliasCacheSeconds,
    maxLoadedVersions: config.maxLoadedModelVersions,
  });
}

/** The context if a request built one (what shutdown flushes and health reports on). */
export function existingServingContext(): ServingContext | undefined {
  return context;
}

/**
 * Health probe of the prediction cache: down while predictions are served from a cached alias
 * because the registry cannot be read; up before any prediction was served.
 */
export function servingCacheProbe(): Probe {
  return () => {
    const cache = context?.cache;
    return cache ? staleCacheProbe(cache)() : Promise.resolve();
  };
}
