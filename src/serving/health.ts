/** A dependency check: resolves when the dependency answers, rejects with why it does not. */
export type Probe = () => Promise<void>;

export interface CheckResult {
  status: 'up' | 'down';
  durationMs: number;
  /** Why the dependency is down, in words an operator can act on. */
  error?: string;
}

export interface HealthReport {
  status: 'healthy' | 'unhealthy';
  checks: Record<string, CheckResult>;
}

/** How long one probe may take before it counts as down (default 3 s). */
export const DEFAULT_PROBE_TIMEOUT_MS = 3000;

/**
 * Runs every probe at once, each bounded by `timeoutMs` (default 3 s); healthy only when all
 * are up. Never throws: a failing probe is a `down` check with its reason.
 */
export async function checkHealth(
  probes: Record<string, Probe>,
  timeoutMs = DEFAULT_PROBE_TIMEOUT_MS,
): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]) => [name, await runProbe(probe, timeoutMs)] as const),
  );
  const checks = Object.fromEntries(entries);
  const healthy = entries.every(([, check]) => check.status === 'up');
  return { status: healthy ? 'healthy' : 'unhealthy', checks };
}

async function runProbe(probe: Probe, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(probe), timeout]);
    return { status: 'up', durationMs: Math.round(performance.now() - started) };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return { status: 'down', durationMs: Math.round(performance.now() - started), error };
  } finally {
    clearTimeout(timer);
  }
}
