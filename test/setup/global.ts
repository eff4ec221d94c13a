// Global test setup: one set of emulators per run, in memory, on free ports so suites can run
// side by side. Tests read the settings with emulatorSettings() from ./emulators.
import type { TestProject } from 'vitest/node';
import { startEmulators } from '../../src/local/emulators';
import './provided-context';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const emulators = await startEmulators({ ports: { blob: 0, queue: 0, cosmos: 0 } });
  const { stop, ...settings } = emulators;
  project.provide('emulators', settings);
  return stop;
}
