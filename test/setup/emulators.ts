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
