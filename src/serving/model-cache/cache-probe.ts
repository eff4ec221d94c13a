import type { Probe } from '../health';
import type { ModelCache } from './model-cache';

/**
 * A health probe that is down while predictions are served from a cached alias or version
 * because the registry could not be read: serving goes on, the operator is told.
 */
export function staleCacheProbe(cache: Pick<ModelCache, 'stale'>): Probe {
  return () => {
    const stale = cache.stale();
    if (stale.length === 0) return Promise.resolve();
    const what = stale.map((s) => `${s.key} since ${s.since}`).join(', ');
    return Promise.reject(new Error(`registry unreachable, serving cached ${what}: ${stale[0]!.reason}`));
  };
}
