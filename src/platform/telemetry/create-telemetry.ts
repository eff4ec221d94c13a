import { NO_TELEMETRY, type Telemetry } from '../ports/telemetry';
import { AppInsightsTelemetry } from './app-insights-telemetry';

/**
 * Application Insights telemetry for a connection string (APPLICATIONINSIGHTS_CONNECTION_STRING);
 * NO_TELEMETRY without one. The SDK is required only here: with OpenTelemetry it takes about a
 * second and tens of MB to load, which an app with telemetry off never pays.
 */
export function createTelemetry(connectionString: string | undefined): Telemetry {
  if (!connectionString) return NO_TELEMETRY;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('applicationinsights') as typeof import('applicationinsights');
  // Isolated providers: only what the app tracks is sent; no global instrumentation is patched
  // in (the Functions host reports requests and logs itself).
  const client = new sdk.TelemetryClient(connectionString, { useGlobalProviders: false });
  return new AppInsightsTelemetry(client);
}
