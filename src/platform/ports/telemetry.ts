/** Properties attached to a telemetry item: short strings such as model, version, reason. */
export type TelemetryProperties = Readonly<Record<string, string>>;

/**
 * Where the app reports what it does: metrics (latency, rows, durations, drift scores, live
 * error), events (version registered, promoted, rejected; drift detected; retrain requested)
 * and exceptions. Calls never throw and never wait: sending is the adapter's business.
 */
export interface Telemetry {
  metric(name: string, value: number, properties?: TelemetryProperties): void;
  event(
    name: string,
    properties?: TelemetryProperties,
    measurements?: Readonly<Record<string, number>>,
  ): void;
  exception(error: unknown, properties?: TelemetryProperties): void;
  /** Sends what is buffered (before a process exits). */
  flush(): Promise<void>;
}

/** Telemetry switched off: every call returns at once and costs nothing. */
export const NO_TELEMETRY: Telemetry = {
  metric: () => undefined,
  event: () => undefined,
  exception: () => undefined,
  flush: () => Promise.resolve(),
};
