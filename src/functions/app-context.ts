import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createAdapters } from '../platform/adapters';
import { loadConfig } from '../platform/config';
import { cosmosClient } from '../platform/registry/cosmos-client';
import { CosmosVersionDetails } from '../platform/registry/cosmos-version-details';
import type { PipelineDeps } from '../pipeline/pipeline-deps';
import { WorkerTrainer } from '../pipeline/train/fit-off-thread';

let deps: PipelineDeps | undefined;

/**
 * The pipeline's adapters, built once per process on first use (not per invocation): clients
 * keep their connections, and a bad setting fails the first invocation with the setting's name.
 */
export function pipelineDeps(): PipelineDeps {
  if (deps) return deps;
  const config = loadConfig();
  const adapters = createAdapters(config);
  deps = {
    ...adapters,
    versions: new CosmosVersionDetails(cosmosClient(config.cosmos), config.cosmos.database),
    settings: {
      containers: config.containers,
      queues: config.queues,
      limits: config.limits,
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
