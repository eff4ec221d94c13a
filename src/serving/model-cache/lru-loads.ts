/**
 * Loaded values by key with a count bound, least recently used evicted first. A load in
 * progress is shared by every caller of its key (single flight); a failed load is forgotten so
 * the next call tries again. Evicted values are handed to `dispose` after `disposeDelayMs`
 * (default 30 s), so a request still scoring on one is not cut short.
 */
export class LruLoads<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(
    private readonly maxEntries: number,
    private readonly dispose: (value: T) => Promise<void> | void,
    private readonly disposeDelayMs = 30_000,
  ) {}

  /** The value for key, loading it with `load` when absent. */
  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const loading = load();
    this.entries.set(key, loading);
    loading.catch(() => {
      if (this.entries.get(key) === loading) this.entries.delete(key);
    });
    this.evict();
    return loading;
  }

  /** True when a value (or its load) is held for key. */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Disposes every value now (shutdown, tests). */
  async clear(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((p) => p.then(this.dispose, () => undefined)));
  }

  private evict(): void {
    while (this.entries.size > this.maxEntries) {
      const [oldest, value] = this.entries.entries().next().value as [string, Promise<T>];
      this.entries.delete(oldest);
      const timer = setTimeout(() => {
        value.then(this.dispose, () => undefined).catch(() => undefined);
      }, this.disposeDelayMs);
      timer.unref();
    }
  }
}
