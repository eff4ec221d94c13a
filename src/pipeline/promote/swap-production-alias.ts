import { AppError } from '../../errors';
import type { Alias } from '../../domain/alias';
import type { AliasStore } from '../../platform/ports/alias-store';
import type { Stored } from '../../platform/ports/stored';

/** What one attempt decides on the alias it read: stop with a result, or move the alias. */
export type AliasMove<T> =
  | { readonly stop: T }
  | { readonly version: number; readonly reason: string; readonly moved: (etag: string) => T | Promise<T> };

/**
 * The promote loop, for the pipeline's promotion and the operator's alike: reads `production`,
 * lets `decide` judge it, and moves it by ETag compare-and-swap (create-only when there is no
 * alias yet). A lost swap calls `lostRace` (which may throw) and tries again from a fresh read;
 * undefined once `attempts` swaps were lost.
 */
export async function swapProductionAlias<T>(
  registry: Pick<AliasStore, 'getAlias' | 'setAlias'>,
  model: string,
  attempts: number,
  decide: (alias: Stored<Alias> | undefined) => Promise<AliasMove<T>>,
  lostRace: () => void = () => {},
): Promise<T | undefined> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const alias = await registry.getAlias(model, 'production');
    const move = await decide(alias);
    if ('stop' in move) return move.stop;
    let etag: string;
    try {
      etag = (await registry.setAlias(model, 'production', move.version, alias?.etag ?? null, move.reason))
        .etag;
    } catch (err) {
      if (!(err instanceof AppError && err.category === 'conflict')) throw err;
      lostRace(); // another promotion won this swap: judge again against the alias it left
      continue;
    }
    return move.moved(etag);
  }
  return undefined;
}
