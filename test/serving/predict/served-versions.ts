// Real versions for the serving tests: generated taxi data trained, validated and registered
// in-process on the memory ports (the same steps the triggers run).
import { TAXI_SPEC, taxiCsv } from '../../support/taxi-data';
import { registerRun, trainDrop, validateRun } from '../../pipeline/chain';
import { memoryDeps, type MemoryDeps } from '../../pipeline/memory-ports';
import { blobVersionLoader } from '../../../src/serving/model-cache/load-version';
import { ModelCache } from '../../../src/serving/model-cache/model-cache';
import type { PredictedRow } from '../../../src/domain/log-row';
import type { PredictDeps } from '../../../src/serving/predict/predict';

/** One taxi row as a request carries it. */
export const TAXI_ROW = {
  pickup_hour: '2025-01-03T08:00:00Z',
  zone: 'Z02',
  weather: 'rain',
  temperature_c: 6.5,
  precipitation_mm: 1.2,
  is_holiday: false,
};

/** Trains `drops` taxi datasets into versions 1..n of model `taxi` (v1 goes to production). */
export async function trainedTaxi(drops = 1, nEstimators = 20): Promise<MemoryDeps> {
  const deps = memoryDeps();
  deps.memory.registry.specs.set('taxi', { ...TAXI_SPEC, params: { nEstimators } });
  for (let i = 0; i < drops; i++) {
    const run = await trainDrop(deps, 'taxi', `d${i}.csv`, taxiCsv({ days: 10, seed: 7 + i }));
    await registerRun(deps, await validateRun(deps, run));
  }
  return deps;
}

/** Predict deps on the memory ports, collecting logged rows in `logged`. */
export function predictDeps(
  deps: MemoryDeps,
  options: { aliasCacheSeconds?: number; maxPredictRows?: number; maxPredictBytes?: number } = {},
): PredictDeps & { cache: ModelCache; logged: PredictedRow[] } {
  const logged: PredictedRow[] = [];
  return {
    cache: new ModelCache({
      registry: deps.registry,
      load: blobVersionLoader(deps.blobs, deps.settings.containers.models),
      aliasCacheSeconds: options.aliasCacheSeconds ?? 30,
    }),
    log: { append: async (rows) => void logged.push(...rows) },
    limits: {
      maxPredictRows: options.maxPredictRows ?? 10_000,
      maxPredictBytes: options.maxPredictBytes ?? 4 * 1024 * 1024,
    },
    logged,
  };
}

/** A JSON body source as the function builds it from an HTTP request. */
export function jsonBody(body: unknown, contentType: string | null = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const bytes = Buffer.from(text);
  return { contentType, contentLength: String(bytes.length), bytes: async () => new Uint8Array(bytes) };
}
