// In-process stand-ins of the ports scoreDrop uses, for the batch benchmark: the scoring file
// read from disk as a stream, outputs and log blobs drained and counted, runs kept in a map.
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { Run } from '../src/domain/run';
import type { BlobInfo } from '../src/platform/ports/blob-store';
import type { ScoringDeps } from '../src/serving/batch/score-drop';

/** Bytes written per container (the predictions file, the prediction-log batches). */
export type Written = Map<string, number>;

export function fileBlobs(path: string, etag: string, written: Written): ScoringDeps['blobs'] {
  const info = (name: string): BlobInfo => ({
    name,
    etag,
    size: statSync(path).size,
    lastModified: new Date(),
    metadata: {},
  });
  const count = (container: string, n: number): void => {
    written.set(container, (written.get(container) ?? 0) + n);
  };
  const unused = (): never => {
    throw new Error('not used by scoreDrop');
  };
  return {
    async upload(container, name, data) {
      if (data instanceof Readable)
        for await (const chunk of data) count(container, (chunk as Buffer).length);
      else count(container, Buffer.byteLength(data));
      return info(name);
    },
    async download(_container, name) {
      return { info: info(name), stream: createReadStream(path, { highWaterMark: 1 << 20 }) };
    },
    async getProperties(_container, name) {
      return info(name);
    },
    async tryGetProperties(_container, name) {
      return info(name);
    },
    downloadToBuffer: unused,
    list: unused,
    append: unused,
    delete: unused,
    ping: async () => undefined,
  };
}

export function memoryRuns(): Pick<ScoringDeps, 'registry'> {
  const runs = new Map<string, Run>();
  const registry = {
    async getRun(model: string, id: string) {
      return runs.get(`${model}/${id}`);
    },
    async putRun(run: Run) {
      runs.set(`${run.model}/${run.id}`, run);
      return run;
    },
    async findVersionByRun() {
      return undefined;
    },
  };
  return { registry } as unknown as Pick<ScoringDeps, 'registry'>;
}
