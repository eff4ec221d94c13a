import { findRoute, type HttpRoute, type RouteLookup } from './routes';

/** Default bound on remembered (method, path) pairs; the cache is cleared when it fills. */
const DEFAULT_MAX_ENTRIES = 1024;

/**
 * Remembers route lookups by method and path, so a hot path (one model's predict) is matched
 * once rather than against every template per request. Each hit returns its own params object.
 */
export class RouteCache {
  readonly #entries = new Map<string, RouteLookup>();

  /** `maxEntries` defaults to 1024. */
  constructor(
    private readonly routes: HttpRoute[],
    private readonly maxEntries = DEFAULT_MAX_ENTRIES,
  ) {}

  /** Same answer as `findRoute(routes, method, path)`. */
  find(method: string, path: string): RouteLookup {
    const key = `${method} ${path}`;
    let lookup = this.#entries.get(key);
    if (!lookup) {
      lookup = findRoute(this.routes, method, path);
      if (this.#entries.size >= this.maxEntries) this.#entries.clear();
      this.#entries.set(key, lookup);
    }
    // Handlers receive the params; never share one object between requests.
    return lookup.kind === 'found' ? { ...lookup, params: { ...lookup.params } } : lookup;
  }
}
