// App settings for the app under test: the sample's, the test keys, this run's emulators (which
// the global setup started and hands over through inject) and fresh resource names.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import type { EmulatorSettings } from '../../src/local/emulators';
import { emulatorAppSettings } from '../../src/local/emulators';
import '../setup/provided-context';
import { TEST_KEYS } from './keys';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');

/** local.settings.sample.json values (it ships no keys: see TEST_KEYS). */
export const SAMPLE_SETTINGS = (
  JSON.parse(readFileSync(path.join(ROOT, 'local.settings.sample.json'), 'utf8')) as {
    Values: Record<string, string>;
  }
).Values;

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

/** The app settings of an app on the shared resource names: the sample's, on this run's emulators. */
export function appSettings(): Record<string, string> {
  return { ...SAMPLE_SETTINGS, ...TEST_KEYS, ...emulatorEnv() };
}

/** What carries the pipeline messages (PIPELINE_TRANSPORT). */
export type Transport = 'storage' | 'servicebus';
/** Both transports, for tests that run the chain on each. */
export const TRANSPORTS: readonly Transport[] = ['storage', 'servicebus'];

/** The app settings that select a transport (Service Bus: this run's test broker). */
export function transportSettings(transport: Transport): Record<string, string> {
  if (transport === 'storage') return { PIPELINE_TRANSPORT: 'storage' };
  return serviceBusEnv();
}

/** A name unique to this run, valid for containers and queues. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Fresh names for every container, queue, database and host id, so apps under test never share
 * state; a yearly drift schedule keeps the timer quiet (tests run the monitor on demand).
 */
export function isolatedAppSettings(): Record<string, string> {
  return {
    AzureFunctionsWebHost__hostid: uniqueName('host'),
    DATASETS_CONTAINER: uniqueName('datasets'),
    MODELS_CONTAINER: uniqueName('models'),
    INCOMING_MODELS_CONTAINER: uniqueName('incoming'),
    PREDICTION_LOGS_CONTAINER: uniqueName('logs'),
    SCORING_CONTAINER: uniqueName('scoring'),
    PREDICTIONS_CONTAINER: uniqueName('predictions'),
    VALIDATE_QUEUE: uniqueName('validate'),
    REGISTER_QUEUE: uniqueName('register'),
    DRIFT_QUEUE: uniqueName('drift'),
    RETRAIN_QUEUE: uniqueName('retrain'),
    COSMOS_DATABASE: uniqueName('mlops'),
    DRIFT_SCHEDULE: '0 0 0 1 1 *',
  };
}

/** The settings of an app with its own resources: sample, keys, emulators, fresh names, transport. */
export function isolatedSettings(
  transport: Transport = 'storage',
  overrides: Record<string, string> = {},
): Record<string, string> {
  return { ...appSettings(), ...isolatedAppSettings(), ...transportSettings(transport), ...overrides };
}
