import type { TelemetryClient } from 'applicationinsights';
import type { Telemetry, TelemetryProperties } from '../ports/telemetry';

/**
 * The Telemetry port on the Application Insights SDK: metrics become customMetrics (aggregated
 * per name and properties over the SDK's export interval), events customEvents, exceptions
 * exceptions. A failing SDK call is swallowed: telemetry never breaks the work it reports on.
 */
export class AppInsightsTelemetry implements Telemetry {
  constructor(private readonly client: TelemetryClient) {}

  metric(name: string, value: number, properties?: TelemetryProperties): void {
    quietly(() => this.client.trackMetric({ name, value, properties: { ...properties } }));
  }

  event(
    name: string,
    properties?: TelemetryProperties,
    measurements?: Readonly<Record<string, number>>,
  ): void {
    quietly(() =>
      this.client.trackEvent({ name, properties: { ...properties }, measurements: { ...measurements } }),
    );
  }

  exception(error: unknown, properties?: TelemetryProperties): void {
    const exception = error instanceof Error ? error : new Error(String(error));
    quietly(() => this.client.trackException({ exception, properties: { ...properties } }));
  }

  async flush(): Promise<void> {
    await this.client.flush().catch(() => undefined);
  }
}

function quietly(track: () => void): void {
  try {
    track();
  } catch {
    // An SDK fault (e.g. a bad item) is not the caller's problem.
  }
}
