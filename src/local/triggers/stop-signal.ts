/** A stop flag whose sleeps end early when stop() is called, for polling loops. */
export class StopSignal {
  #stopped = false;
  readonly #wakers = new Set<() => void>();

  get stopped(): boolean {
    return this.#stopped;
  }

  stop(): void {
    this.#stopped = true;
    for (const wake of this.#wakers) wake();
    this.#wakers.clear();
  }

  /** Waits `ms`, or less if stopped meanwhile. */
  sleep(ms: number): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.#wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#wakers.add(wake);
    });
  }
}

/** Tracks promises still running so a driver can wait for them on stop. */
export class InFlight {
  readonly #running = new Set<Promise<unknown>>();

  get size(): number {
    return this.#running.size;
  }

  /** Runs `work` and tracks it; errors are the caller's to handle inside `work`. */
  track(work: Promise<unknown>): void {
    const p = work.finally(() => this.#running.delete(p));
    this.#running.add(p);
  }

  async drain(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}
