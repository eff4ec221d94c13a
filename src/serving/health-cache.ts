import { checkHealth, type HealthReport, type Probe } from './health';

/** How long a health report is reused (default 5 s): health is polled, dependencies are not. */
export const HEALTH_CACHE_MS = 5000;

/**
 * The latest health report, checked at most once per `ttlMs`: concurrent and repeated requests
 * share one check, so an anonymous caller cannot make the app call its dependencies at will.
 */
export class HealthCache {
  #report: { at: number; value: Promise<HealthReport> } | undefined;

  constructor(
    private readonly probes: () => Record<string, Probe>,
    private readonly ttlMs = HEALTH_CACHE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  report(): Promise<HealthReport> {
    const t = this.now();
    if (!this.#report || t - this.#report.at >= this.ttlMs) {
      this.#report = { at: t, value: checkHealth(this.probes()) };
    }
    return this.#report.value;
  }
}
