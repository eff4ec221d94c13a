// The scoring worker's entry (a worker thread, never loaded by the function app's index): scores
// one drop with adapters and a model cache of its own, and posts the outcome or the error back.
import { parentPort } from 'node:worker_threads';
import { loadConfig } from '../platform/config';
import { AzureBlobStore } from '../platform/blob/azure-blob-store';
import { CosmosRegistry } from '../platform/registry/cosmos-registry';
import { cosmosClient } from '../platform/registry/cosmos-client';
import { blobServiceClient } from '../platform/storage-clients';
import { toWorkerError } from '../pipeline/train/worker-messages';
import { scoreDrop } from '../serving/batch/score-drop';
import { buildScoringDeps } from './scoring-context';
import { newModelCache } from './serving-context';
import type { ScoringJob, ScoringReply } from './scoring-thread';

const port = parentPort;
if (!port) throw new Error('score-drop-worker runs as a worker thread');

port.once('message', (job: ScoringJob) => {
  const post = (reply: ScoringReply): void => port.postMessage(reply);
  void run(job)
    .then((outcome) => post({ type: 'result', outcome }))
    .catch((err: unknown) => post({ type: 'error', error: toWorkerError(err) }));
});

async function run(job: ScoringJob): ReturnType<typeof scoreDrop> {
  const config = loadConfig();
  // Only what scoring uses: no queue clients, no telemetry exporter of a second thread.
  const cosmos = cosmosClient(config.cosmos);
  const adapters = {
    blobs: new AzureBlobStore(blobServiceClient(config.storage)),
    registry: new CosmosRegistry(cosmos, config.cosmos.database),
  };
  const cache = newModelCache(config, adapters);
  const deps = buildScoringDeps(config, adapters, cache);
  try {
    return await scoreDrop(deps, job.drop);
  } finally {
    await deps.log.close();
    await cache.close();
    cosmos.dispose();
  }
}
