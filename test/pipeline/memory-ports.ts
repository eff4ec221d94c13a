// Small in-memory fakes of the ports the pipeline steps take (not mocks of an SDK).
import { Readable } from 'node:stream';
import type { Alias, AliasName, ChallengerTrial } from '../../src/domain/alias';
import type { ModelVersion, NewModelVersion, VersionStatus } from '../../src/domain/model-version';
import type { Run } from '../../src/domain/run';
import type { MonitoringDocument } from '../../src/domain/documents';
import { AppError } from '../../src/errors';
import type { PipelineDeps } from '../../src/pipeline/pipeline-deps';
import type { VersionPatch } from '../../src/platform/ports/version-store';
import type { BlobInfo, BlobStore } from '../../src/platform/ports/blob-store';
import type { MessageQueue, QueueMessage } from '../../src/platform/ports/message-queue';
import type { Registry } from '../../src/platform/ports/registry';
import type { Stored } from '../../src/platform/ports/stored';

let tag = 0;
const nextTag = (): string => `"${++tag}"`;
const clone = <T>(x: T): T => structuredClone(x);

export class MemoryBlobs {
  readonly files = new Map<string, { data: Buffer; info: BlobInfo }>();
  async upload(container: string, name: string, data: Buffer | string | Readable): Promise<BlobInfo> {
    const buf = Buffer.isBuffer(data) ? data : Buffer.from(String(data));
    const info: BlobInfo = {
      name,
      etag: nextTag(),
      size: buf.length,
      lastModified: new Date(),
      metadata: {},
    };
    this.files.set(`${container}/${name}`, { data: buf, info });
    return info;
  }
  async downloadToBuffer(container: string, name: string): Promise<{ info: BlobInfo; data: Buffer }> {
    const f = this.files.get(`${container}/${name}`);
    if (!f) throw new AppError('not_found', 'not_found', `blob ${container}/${name} does not exist`);
    return { info: f.info, data: f.data };
  }
  async tryGetProperties(container: string, name: string): Promise<BlobInfo | undefined> {
    return this.files.get(`${container}/${name}`)?.info;
  }
}

export class MemoryRegistry {
  readonly versions = new Map<string, Stored<ModelVersion>>();
  readonly aliases = new Map<string, Stored<Alias>>();
  readonly runs = new Map<string, Stored<Run>>();
  readonly specs = new Map<string, unknown>();
  /** Called before each alias write: lets a test move the alias in between (a racing promotion). */
  beforeSetAlias?: () => Promise<void>;

  async createVersion(v: NewModelVersion): Promise<Stored<ModelVersion>> {
    const existing = await this.findVersionByRun(v.model, v.runId);
    if (existing) return existing;
    const n = [...this.versions.values()].filter((x) => x.model === v.model).length + 1;
    const now = new Date().toISOString();
    const created: Stored<ModelVersion> = {
      ...clone(v),
      version: n,
      createdAt: now,
      updatedAt: now,
      etag: nextTag(),
    };
    this.versions.set(`${v.model}:${n}`, created);
    return clone(created);
  }
  async getVersion(model: string, version: number) {
    const v = this.versions.get(`${model}:${version}`);
    return v && clone(v);
  }
  async findVersionByRun(model: string, runId: string) {
    const v = [...this.versions.values()].find((x) => x.model === model && x.runId === runId);
    return v && clone(v);
  }
  async listVersions(model: string) {
    const items = [...this.versions.values()]
      .filter((x) => x.model === model)
      .sort((a, b) => b.version - a.version);
    return { items: clone(items) };
  }
  async updateVersionStatus(model: string, version: number, status: VersionStatus) {
    return this.patch(model, version, { status });
  }
  async updateVersion(model: string, version: number, patch: VersionPatch) {
    return this.patch(model, version, patch);
  }
  patch(model: string, version: number, patch: VersionPatch): Stored<ModelVersion> {
    const v = this.versions.get(`${model}:${version}`);
    if (!v) throw new AppError('not_found', 'version_not_found', `Model ${model} has no version ${version}`);
    const updated = { ...v, ...clone(patch), etag: nextTag() };
    this.versions.set(`${model}:${version}`, updated);
    return clone(updated);
  }
  async getAlias(model: string, name: AliasName) {
    const a = this.aliases.get(`${model}:${name}`);
    return a && clone(a);
  }
  async setAlias(
    model: string,
    name: AliasName,
    version: number,
    ifMatch: string | null,
    reason?: string,
    trial?: ChallengerTrial,
  ): Promise<Stored<Alias>> {
    await this.beforeSetAlias?.();
    const current = this.aliases.get(`${model}:${name}`);
    if ((ifMatch === null && current) || (ifMatch !== null && current?.etag !== ifMatch)) {
      throw new AppError(
        'conflict',
        'etag_mismatch',
        `alias ${name} of ${model} was changed by someone else`,
      );
    }
    const alias: Stored<Alias> = {
      model,
      name,
      version,
      updatedAt: new Date().toISOString(),
      ...(reason !== undefined && { reason }),
      ...(trial !== undefined && { trial: clone(trial) }),
      etag: nextTag(),
    };
    this.aliases.set(`${model}:${name}`, alias);
    return clone(alias);
  }
  async deleteAlias(model: string, name: AliasName, ifMatch: string): Promise<boolean> {
    const current = this.aliases.get(`${model}:${name}`);
    if (!current) return false;
    if (current.etag !== ifMatch) {
      throw new AppError(
        'conflict',
        'etag_mismatch',
        `alias ${name} of ${model} was changed by someone else`,
      );
    }
    this.aliases.delete(`${model}:${name}`);
    return true;
  }
  async putRun(run: Run) {
    const stored = { ...clone(run), etag: nextTag() };
    this.runs.set(`${run.model}:${run.id}`, stored);
    return clone(stored);
  }
  async getRun(model: string, id: string) {
    const r = this.runs.get(`${model}:${id}`);
    return r && clone(r);
  }
  readonly monitoring = new Map<string, Stored<MonitoringDocument>>();
  async putMonitoring<B>(doc: MonitoringDocument<B>, options: { ifMatch?: string | null } = {}) {
    const key = `${doc.model}:${doc.id}`;
    const current = this.monitoring.get(key);
    const { ifMatch } = options;
    if ((ifMatch === null && current) || (typeof ifMatch === 'string' && current?.etag !== ifMatch)) {
      throw new AppError(
        'conflict',
        'etag_mismatch',
        `record ${doc.id} of ${doc.model} was changed by someone else`,
      );
    }
    const stored = { ...clone(doc), etag: nextTag() } as Stored<MonitoringDocument<B>>;
    this.monitoring.set(key, stored as Stored<MonitoringDocument>);
    return clone(stored);
  }
  async getMonitoring(model: string, id: string) {
    const doc = this.monitoring.get(`${model}:${id}`);
    return doc && clone(doc);
  }
  async getSpec(model: string) {
    const spec = this.specs.get(model);
    return spec === undefined
      ? undefined
      : { model, spec: clone(spec) as never, updatedAt: '', etag: '"spec"' };
  }
}

export interface MemoryDeps extends PipelineDeps {
  readonly memory: {
    blobs: MemoryBlobs;
    registry: MemoryRegistry;
    sent: { queue: string; message: QueueMessage }[];
  };
}

/** PipelineDeps on the fakes, with the default container and queue names. */
export function memoryDeps(): MemoryDeps {
  const blobs = new MemoryBlobs();
  const registry = new MemoryRegistry();
  const sent: { queue: string; message: QueueMessage }[] = [];
  const queue: MessageQueue = {
    send: async (q, message) => void sent.push({ queue: q, message: clone(message) }),
    ping: async () => {},
  };
  return {
    blobs: blobs as unknown as BlobStore,
    registry: registry as unknown as Registry,
    queue,
    settings: {
      containers: { datasets: 'datasets', models: 'models' },
      queues: { validate: 'validate-requests', register: 'register-requests' },
      limits: { maxDatasetBytes: 10_000_000, maxDatasetRows: 1_000_000 },
      packageVersion: '0.0.0-test',
    },
    memory: { blobs, registry, sent },
  };
}
