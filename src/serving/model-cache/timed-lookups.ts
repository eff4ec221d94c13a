import { AppError } from '../../errors';

interface Entry<T> {
  value: T;
  fetchedAt: number;
}

/** What a lookup answered when its store was down and a cached value stood in. */
export interface StaleUse {
  readonly key: string;
  readonly since: string;
  readonly reason: string;
}

/**
 * Values read from a store (the registry) and trusted for `ttlMs`. Concurrent misses of a key
 * share one read. When the store is unavailable and a value is cached, the cached value is
 * answered (and the key listed in `stale()`) and the store is asked again only after another
 * ttl, so an outage does not add a failing round trip to every request; a read slower than
 * `maxWaitMs` (default 1 s) is not waited for when a cached value exists.
 */
export class TimedLookups<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly inflight = new Map<string, Promise<T>>();
  private readonly staleKeys = new Map<string, StaleUse>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxWaitMs = 1000,
  ) {}

  /** The cached value while fresh, else `read()`'s answer (shared by concurrent callers). */
  get(key: string, read: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.fetchedAt < this.ttlMs) return Promise.resolve(entry.value);
    let reading = this.inflight.get(key);
    // A read already under way: the cached value answers the others, only its starter waits.
    if (reading && entry) return Promise.resolve(entry.value);
    if (!reading) {
      const started = this.refresh(key, read, entry).finally(() => this.inflight.delete(key));
      started.catch(() => undefined);
      this.inflight.set(key, started);
      reading = started;
    }
    return entry ? this.withinWait(key, reading, entry) : reading;
  }

  /** Drops the key's cached value: the next get reads the store. */
  forget(key: string): void {
    this.entries.delete(key);
  }

  /** Keys answered from cache because the store was down, with since when and why. */
  stale(): StaleUse[] {
    return [...this.staleKeys.values()];
  }

  // A store that hangs (connection retries) must not hold requests a cached value can answer:
  // after maxWaitMs the cached value is served and the read goes on in the background.
  private withinWait(key: string, reading: Promise<T>, cached: Entry<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<T>((resolve) => {
      timer = setTimeout(() => {
        if (!this.staleKeys.has(key)) {
          const since = new Date(this.now()).toISOString();
          this.staleKeys.set(key, { key, since, reason: `no answer within ${this.maxWaitMs} ms` });
        }
        resolve(cached.value);
      }, this.maxWaitMs);
      timer.unref();
    });
    return Promise.race([reading, late]).finally(() => clearTimeout(timer));
  }

  private async refresh(key: string, read: () => Promise<T>, cached: Entry<T> | undefined): Promise<T> {
    try {
      const value = await read();
      this.entries.set(key, { value, fetchedAt: this.now() });
      this.staleKeys.delete(key);
      return value;
    } catch (err) {
      const down = err instanceof AppError && err.category === 'unavailable';
      if (!down || !cached) throw err;
      cached.fetchedAt = this.now();
      if (!this.staleKeys.has(key)) {
        this.staleKeys.set(key, { key, since: new Date(this.now()).toISOString(), reason: err.message });
      }
      return cached.value;
    }
  }
}
