import { inject } from 'vitest';
import type { EmulatorSettings } from '../../src/local/emulators';
import { emulatorAppSettings } from '../../src/local/emulators';
import './provided-context';

/** Connection settings of the emulators the global setup started for this run. */
export function emulatorSettings(): EmulatorSettings {
  return inject('emulators');
}

/** App settings (AzureWebJobsStorage, COSMOS_CONNECTION, …) pointing at this run's emulators. */
export function emulatorEnv(): Record<string, string> {
  return emulatorAppSettings(emulatorSettings());
}

/** Connection string of this run's Service Bus test broker (plain AMQP, UseDevelopmentEmulator=true). */
export function serviceBusTestConnection(): string {
  return inject('serviceBus').connectionString;
}

/** App settings that carry the pipeline queues on this run's Service Bus test broker. */
export function serviceBusEnv(): Record<string, string> {
  return { PIPELINE_TRANSPORT: 'servicebus', SERVICEBUS_CONNECTION: serviceBusTestConnection() };
}
