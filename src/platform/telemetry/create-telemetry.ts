import type { TelemetryClient } from 'applicationinsights';
import type { ApplicationInsightsAccess } from '../config/app-config';
import { managedIdentityCredential, type ManagedIdentityCredentialFactory } from '../identity';
import { NO_TELEMETRY, type Telemetry } from '../ports/telemetry';
import { AppInsightsTelemetry } from './app-insights-telemetry';

/**
 * Application Insights telemetry for the config's resource; NO_TELEMETRY without one. The SDK is
 * required only here: with OpenTelemetry it takes about a second and tens of MB to load, which an
 * app with telemetry off never pays.
 */
export function createTelemetry(access: ApplicationInsightsAccess | undefined): Telemetry {
  if (!access) return NO_TELEMETRY;
  return new AppInsightsTelemetry(telemetryClient(access));
}

/**
 * The SDK's client for the resource. With identity, its Azure Monitor exporters send an Entra ID
 * token of the managed identity (Monitoring Metrics Publisher role) instead of relying on the
 * instrumentation key, which a resource with local auth off refuses.
 */
export function telemetryClient(
  access: ApplicationInsightsAccess,
  credential: ManagedIdentityCredentialFactory = managedIdentityCredential,
): TelemetryClient {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('applicationinsights') as typeof import('applicationinsights');
  // Isolated providers: only what the app tracks is sent; no global instrumentation is patched
  // in (the Functions host reports requests and logs itself).
  const client = new sdk.TelemetryClient(access.connectionString, { useGlobalProviders: false });
  // Read when the client initializes on its first track call, into azureMonitorExporterOptions.credential.
  if (access.kind === 'identity')
    client.config.aadTokenCredential = credential(access.managedIdentityClientId);
  return client;
}
