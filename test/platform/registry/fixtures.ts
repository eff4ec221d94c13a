import { randomUUID } from 'node:crypto';
import type { NewModelVersion } from '../../../src/domain/model-version';
import { CosmosRegistry } from '../../../src/platform/registry/cosmos-registry';
import { cosmosClient } from '../../../src/platform/registry/cosmos-client';
import { emulatorSettings } from '../../support/settings';

/** A registry on this run's Cosmos stand-in, in a database of its own. */
export function freshRegistry(): CosmosRegistry {
  const s = emulatorSettings();
  const client = cosmosClient({
    kind: 'key',
    endpoint: s.cosmosEndpoint,
    key: s.cosmosKey,
    database: 'unused',
  });
  return new CosmosRegistry(client, `test-${randomUUID().slice(0, 8)}`);
}

/** A minimal candidate version of model for run runId. */
export function newVersion(model: string, runId: string): NewModelVersion {
  return {
    model,
    runId,
    status: 'candidate',
    source: 'trained',
    metrics: { rmse: 1.5 },
    sliceMetrics: [{ column: 'zone', value: 'A', rows: 10, metrics: { rmse: 1.2 } }],
    gates: [{ passed: true, reason: 'rmse 1.5 is at most the threshold 2' }],
    params: { trees: 100 },
    featureSchema: { inputs: [{ name: 'hour', type: 'float32' }] },
    trainingProfile: {},
    artifact: { path: `${model}/1/model.onnx`, sha256: 'ab'.repeat(32) },
    lineage: { blobName: `${model}/data.csv`, etag: '"0x1"', sha256: 'cd'.repeat(32), rows: 100, columns: 3 },
  };
}
