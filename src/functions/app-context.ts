import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createAdapters, type Adapters } from '../platform/adapters';
import { loadConfig, type AppConfig } from '../platform/config';
import { NO_TELEMETRY, type Telemetry } from '../platform/ports/telemetry';
import type { PipelineDeps } from '../pipeline/pipeline-deps';
import { WorkerTrainer } from '../pipeline/train/fit-off-thread';

let config: AppConfig | undefined;
let adapters: Adapters | undefined;
let deps: PipelineDeps | undefined;

/** The app settings, read and validated once per process; a bad setting throws naming it. */
export function appConfig(): AppConfig {
  return (config ??= loadConfig());
}

/**
 * The adapters, built once per process on first use (not per invocation): clients keep their
 * connections, and every function shares them.
 */
export function appAdapters(): Adapters {
  return (adapters ??= createAdapters(appConfig()));
}

/** The adapters if something built them (what shutdown flushes), else undefined. */
export function existingAppAdapters(): Adapters | undefined {
  return adapters;
}

/**
 * The app's telemetry for error paths: NO_TELEMETRY when the settings cannot be read, so
 * reporting an error never raises another.
 */
export function appTelemetry(): Telemetry {
  try {
    return appAdapters().telemetry;
  } catch {
    return NO_TELEMETRY;
  }
}

/** What the pipeline steps (and the registry routes) are given. */
export function pipelineDeps(): PipelineDeps {
  if (deps) return deps;
  const settings = appConfig();
  deps = {
    ...appAdapters(),
    settings: {
      containers: settings.containers,
      queues: settings.queues,
      limits: settings.limits,
      packageVersion: packageVersion(),
    },
    ...(WorkerTrainer.available() ? { trainer: new WorkerTrainer() } : {}),
  };
  return deps;
}

/** The app's package.json version (looked up from this file upwards: src/ or dist/src/). */
function packageVersion(): string {
  for (let dir = __dirname, i = 0; i < 5; dir = path.dirname(dir), i++) {
    const file = path.join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  }
  return '0.0.0';
}
