// Starts the compiled entry in the local runtime against this test run's emulators, and builds
// adapters on the same emulators to seed or inspect what the app sees.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hostConfigFrom } from '../../../src/local/host-config';
import { LocalRuntime } from '../../../src/local/runtime';
import { createAdapters, type Adapters } from '../../../src/platform/adapters';
import { loadConfig } from '../../../src/platform/config';
import type { NewModelVersion } from '../../../src/domain/model-version';
import type { Run } from '../../../src/domain/run';
import { memoryLogger } from '../../local/helpers';
import { emulatorEnv } from '../../setup/emulators';
import { TEST_KEYS } from '../../support/local-keys';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

/** local.settings.sample.json values (it ships no keys: see TEST_KEYS). */
export const SAMPLE_SETTINGS = (
  JSON.parse(readFileSync(path.join(ROOT, 'local.settings.sample.json'), 'utf8')) as {
    Values: Record<string, string>;
  }
).Values;
export { FUNCTION_KEY } from '../../support/local-keys';

/** The app settings the runtime gets: the sample's, pointed at this run's emulators. */
export function appSettings(): Record<string, string> {
  return { ...SAMPLE_SETTINGS, ...TEST_KEYS, ...emulatorEnv() };
}

/** Adapters on the emulators, built from the same settings as the app. */
export function testAdapters(): Adapters {
  return createAdapters(loadConfig(appSettings()));
}

/** The compiled entry (package.json main) in the local runtime on a free port. */
export async function startApp(options: { blobScanIntervalMs?: number } = {}): Promise<LocalRuntime> {
  const main = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string }).main;
  return LocalRuntime.start({
    entry: path.join(ROOT, main),
    settings: appSettings(),
    host: hostConfigFrom({}),
    port: 0,
    logger: memoryLogger(),
    ...options,
  });
}

/** A run document as the train step writes it. */
export function runDoc(model: string, id: string, queuedAt: string, overrides: Partial<Run> = {}): Run {
  return { id, model, status: 'running', stage: 'train', progress: 0.5, queuedAt, ...overrides };
}

/** A version to register: the smallest complete record. */
export function versionDoc(
  model: string,
  runId: string,
  overrides: Partial<NewModelVersion> = {},
): NewModelVersion {
  return {
    model,
    runId,
    status: 'validated',
    source: 'trained',
    metrics: { rmse: 1.5 },
    sliceMetrics: [],
    gates: [],
    params: {},
    featureSchema: {},
    trainingProfile: {},
    artifact: { path: `${model}/1/model.onnx`, sha256: 'ab'.repeat(32) },
    ...overrides,
  };
}
