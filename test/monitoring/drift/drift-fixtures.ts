// A model with a production-like version, its prediction logs and feedback, on the emulators.
import { randomUUID } from 'node:crypto';
import { profileCategorical, profileNumeric } from '../../../src/ml/profile/profile-column';
import type { TrainingProfile } from '../../../src/ml/profile/types';
import type { NewModelVersion } from '../../../src/domain/model-version';
import type { DriftCheckDeps } from '../../../src/monitoring/drift/check-model-drift';
import type { DriftRequest } from '../../../src/domain/messages';
import { AzureBlobStore } from '../../../src/platform/blob/azure-blob-store';
import type { Telemetry, TelemetryProperties } from '../../../src/platform/ports/telemetry';
import { StorageMessageQueue } from '../../../src/platform/queue/storage-message-queue';
import { blobServiceClient, queueServiceClient } from '../../../src/platform/storage-clients';
import { toJsonLines } from '../../../src/serving/prediction-log/json-lines';
import { logBlobName, type LogRow } from '../../../src/domain/log-row';
import { emulatorSettings } from '../../support/settings';
import { freshRegistry, newVersion } from '../../platform/registry/fixtures';
import { seededNormals } from '../../support/seeded-normals';

const access = {
  kind: 'connectionString',
  connectionString: emulatorSettings().storageConnectionString,
} as const;
export const blobs = new AzureBlobStore(blobServiceClient(access));
export const queue = new StorageMessageQueue(queueServiceClient(access));
export const registry = freshRegistry();
const fresh = (prefix: string): string => `${prefix}${randomUUID().replace(/-/g, '').slice(0, 16)}`;

/** Telemetry that keeps what it is told. */
export function recordingTelemetry(): Telemetry & {
  items: { kind: string; name: string; props?: TelemetryProperties }[];
} {
  const items: { kind: string; name: string; props?: TelemetryProperties }[] = [];
  return {
    items,
    metric: (name, _value, props) => items.push({ kind: 'metric', name, ...(props && { props }) }),
    event: (name, props) => items.push({ kind: 'event', name, ...(props && { props }) }),
    exception: () => undefined,
    flush: () => Promise.resolve(),
  };
}

/** Deps on fresh containers and queues of the emulators. */
export function driftDeps(): DriftCheckDeps & { telemetry: ReturnType<typeof recordingTelemetry> } {
  return {
    blobs,
    registry,
    queue,
    telemetry: recordingTelemetry(),
    settings: {
      containers: { datasets: fresh('datasets'), predictionLogs: fresh('logs') },
      queues: { retrain: fresh('retrain') },
    },
  };
}

export interface Inputs {
  temperature: number;
  hour: number;
  zone: string;
}

/** Rows like the training data; `warmer` shifts the temperature, `zone` puts every row in one zone. */
export function inputs(n: number, seed: number, warmer = 0, zone?: string): Inputs[] {
  const z = seededNormals(seed);
  return Array.from({ length: n }, (_, i) => ({
    temperature: 15 + 5 * z() + warmer,
    hour: i % 24,
    zone: zone ?? ['A', 'B', 'C'][i % 3]!,
  }));
}

export const predictionOf = (x: Inputs): number => 2 * x.temperature + x.hour;

export const PROFILE: TrainingProfile = (() => {
  const rows = inputs(3000, 1);
  return {
    version: 1,
    rowCount: rows.length,
    columns: {
      temperature: profileNumeric(rows.map((r) => r.temperature)),
      hour: profileNumeric(rows.map((r) => r.hour)),
      zone: profileCategorical(rows.map((r) => r.zone)),
    },
    prediction: profileNumeric(rows.map(predictionOf)),
  };
})();

/**
 * Registers version 1 of a fresh model (validation RMSE 2) with the given training profile;
 * `version` overrides fields of the version (e.g. its feature importance).
 */
export async function seedModel(
  profile: unknown = PROFILE,
  spec?: object,
  version: Partial<NewModelVersion> = {},
): Promise<string> {
  const model = fresh('m');
  await registry.createVersion({
    ...newVersion(model, 'run-1'),
    status: 'production',
    task: 'regression',
    metrics: { rmse: 2 },
    trainingProfile: profile as never,
    ...version,
  });
  if (spec) await registry.putSpec(model, { target: 'y', ...spec });
  return model;
}

/** One log blob of rows predicted by `version`, request `requestId`, plus extra raw lines. */
export async function writeLog(
  deps: DriftCheckDeps,
  model: string,
  rows: Inputs[],
  options: {
    version?: number;
    requestId?: string;
    extraLines?: string[];
    /** The logged prediction of row i; default predictionOf the row. */
    prediction?: (row: number) => number;
  } = {},
): Promise<string> {
  const requestId = options.requestId ?? fresh('req');
  const now = new Date();
  const logRows: LogRow[] = rows.map((x, row) => ({
    requestId,
    row,
    model,
    version: options.version ?? 1,
    inputs: x,
    prediction: options.prediction?.(row) ?? predictionOf(x),
    time: now.toISOString(),
  }));
  const text =
    toJsonLines(logRows).toString('utf8') + (options.extraLines ?? []).map((l) => `${l}\n`).join('');
  await blobs.upload(
    deps.settings.containers.predictionLogs,
    logBlobName(model, now, 'test', Math.floor(Math.random() * 1e8)),
    text,
  );
  return requestId;
}

/** Waits into the next whole second, so what was written before falls in a window ending now. */
export async function nextSecond(): Promise<void> {
  await new Promise((r) => setTimeout(r, 1001 - (Date.now() % 1000)));
}

export const driftRequest = (model: string, requestedAt = new Date()): DriftRequest => ({
  schema: 1,
  kind: 'drift',
  model,
  version: 1,
  requestedAt: requestedAt.toISOString(),
});
