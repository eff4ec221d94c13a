// Global test setup: one set of emulators per run, in memory, on free ports so suites can run
// side by side, and the Service Bus test broker (a stand-in, not Azure's emulator). Tests read
// the settings with emulatorSettings() from ./emulators and serviceBusTestConnection().
import type { TestProject } from 'vitest/node';
import { startEmulators } from '../../src/local/emulators';
import { startServiceBusTestBroker } from '../support/service-bus-broker/test-broker';
import { SHARED_BROKER_RULES } from './service-bus-rules';
import './provided-context';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const emulators = await startEmulators({ ports: { blob: 0, queue: 0, cosmos: 0 } });
  const broker = await startServiceBusTestBroker(SHARED_BROKER_RULES);
  const { stop, ...settings } = emulators;
  project.provide('emulators', settings);
  project.provide('serviceBus', { connectionString: broker.connectionString });
  return async () => {
    await broker.stop();
    await stop();
  };
}
