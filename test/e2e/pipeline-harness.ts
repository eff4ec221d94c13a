// Runs the compiled app in the local runtime on the test emulators, with its own containers,
// queues and Cosmos database so e2e files can run side by side. The pipeline queues go over
// Storage queues (Azurite) or Service Bus (the test broker, a stand-in for Azure's service).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import type { ModelVersion } from '../../src/domain/model-version';
import type { Run } from '../../src/domain/run';
import { emulatorAppSettings } from '../../src/local/emulators';
import { hostConfigFrom } from '../../src/local/host-config';
import type { InvocationRecord } from '../../src/local/invocation-log';
import { LocalRuntime } from '../../src/local/runtime';
import { createAdapters, type Adapters } from '../../src/platform/adapters';
import { loadConfig, type AppConfig } from '../../src/platform/config';
import { memoryLogger, uniqueName, waitFor } from '../local/helpers';
import { TEST_KEYS } from '../support/local-keys';

export const ROOT = path.resolve(__dirname, '..', '..');
const entry = path.join(
  ROOT,
  (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string }).main,
);
const sample = (
  JSON.parse(readFileSync(path.join(ROOT, 'local.settings.sample.json'), 'utf8')) as {
    Values: Record<string, string>;
  }
).Values;

/** What carries the pipeline messages (PIPELINE_TRANSPORT). */
export type Transport = 'storage' | 'servicebus';
/** Both transports, for tests that run the chain on each. */
export const TRANSPORTS: readonly Transport[] = ['storage', 'servicebus'];

/** The app settings that select a transport (Service Bus: this run's test broker). */
export function transportSettings(transport: Transport): Record<string, string> {
  if (transport === 'storage') return { PIPELINE_TRANSPORT: 'storage' };
  return { PIPELINE_TRANSPORT: 'servicebus', SERVICEBUS_CONNECTION: inject('serviceBus').connectionString };
}

export interface Pipeline {
  readonly transport: Transport;
  readonly runtime: LocalRuntime;
  readonly adapters: Adapters;
  readonly config: AppConfig;
  readonly invocations: InvocationRecord[];
  readonly logLines: string[];
  /** Uploads a blob into the datasets container as `{model}/{name}`; returns its ETag. */
  drop(model: string, name: string, data: Buffer | string): Promise<string>;
  /** Waits for the run of a blob version to end (succeeded or failed) and returns it. */
  finishedRun(model: string, runId: string, limitMs?: number): Promise<Run>;
  versions(model: string): Promise<ModelVersion[]>;
  stop(): Promise<void>;
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

/**
 * Starts the app with fresh resource names on `transport` (default storage); `overrides`
 * replace app settings (e.g. limits).
 */
export async function startPipeline(
  overrides: Record<string, string> = {},
  transport: Transport = 'storage',
): Promise<Pipeline> {
  const settings: Record<string, string> = {
    ...sample,
    ...TEST_KEYS,
    ...emulatorAppSettings(inject('emulators')),
    ...isolatedAppSettings(),
    ...transportSettings(transport),
    ...overrides,
  };
  const invocations: InvocationRecord[] = [];
  const logger = memoryLogger();
  const runtime = await LocalRuntime.start({
    entry,
    settings,
    host: hostConfigFrom({
      extensions: {
        queues: {
          maxPollingInterval: '00:00:00.100',
          visibilityTimeout: '00:00:00',
          maxDequeueCount: 3,
          batchSize: 4,
        },
        serviceBus: { maxConcurrentCalls: 4 },
      },
    }),
    port: 0,
    logger,
    blobScanIntervalMs: 100,
    onInvocation: (r) => invocations.push(r),
  });
  const config = loadConfig(settings);
  const adapters = createAdapters(config);
  return {
    transport,
    runtime,
    adapters,
    config,
    invocations,
    logLines: logger.lines,
    async drop(model, name, data) {
      const info = await adapters.blobs.upload(config.containers.datasets, `${model}/${name}`, data);
      return info.etag;
    },
    async finishedRun(model, runId, limitMs = 60_000) {
      let run: Run | undefined;
      await waitFor(
        `run ${runId} of ${model} to end`,
        async () => {
          run = await adapters.registry.getRun(model, runId);
          return run?.status === 'succeeded' || run?.status === 'failed';
        },
        limitMs,
      );
      return run!;
    },
    async versions(model) {
      return (await adapters.registry.listVersions(model, { pageSize: 100 })).items;
    },
    async stop() {
      await runtime.stop();
      // The Service Bus adapter holds an AMQP connection; Storage clients hold none.
      const queue = adapters.queue as Partial<{ close(): Promise<void> }>;
      await queue.close?.();
    },
  };
}
