// Issue 17: a drop the local storage emulator acknowledged a second before a crash (kill -9 of
// `npm start`'s process group) is still there after a restart on the same data folder, and trains.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BlobServiceClient } from '@azure/storage-blob';
import type { Run } from '../../src/domain/run';
import { FUNCTION_KEY } from '../support/keys';
import { freePorts, startRuntimeProcess, type StartedRuntime } from '../support/runtime';
import { TAXI_SPEC, taxiCsv } from '../support/taxi-data';
import { waitFor } from '../support/wait';

const ROOT = path.resolve(__dirname, '..', '..');
const KEY = FUNCTION_KEY; // startRuntimeProcess passes the test keys
const dataDir = mkdtempSync(path.join(tmpdir(), 'crash-'));
const running: StartedRuntime[] = [];
afterAll(async () => {
  for (const r of running) await r.stop('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the local data folder after a kill -9', () => {
  it('keeps a drop acknowledged a second before the crash, and the restarted runtime trains it', async () => {
    if (!existsSync(path.join(ROOT, 'dist/src/local/main.js'))) throw new Error('run `npm run build` first');
    const ports = await freePorts();
    // The first runtime watches another container, so it cannot start training the drop before
    // the kill (a message it had dequeued would stay hidden for the rest of its lease): what is tested is that
    // the acknowledged blob survives, and the restarted runtime trains it.
    const first = await startRuntimeProcess(dataDir, ports, { DATASETS_CONTAINER: 'datasets-elsewhere' });
    running.push(first);
    const datasets = BlobServiceClient.fromConnectionString(
      first.emulators.storageConnectionString,
    ).getContainerClient('datasets');
    await datasets.createIfNotExists();
    await datasets.getBlockBlobClient('crash/model.json').upload(JSON.stringify(TAXI_SPEC), 0, {
      blobHTTPHeaders: { blobContentType: 'application/json' },
    });
    const csv = taxiCsv({ days: 10, zones: 2 });
    await datasets.getBlockBlobClient('crash/drop.csv').upload(csv, Buffer.byteLength(csv));
    await new Promise((r) => setTimeout(r, 1000));
    expect(await first.stop('SIGKILL')).toBeNull();

    const second = await startRuntimeProcess(dataDir, ports);
    running.push(second);
    const props = await datasets.getBlockBlobClient('crash/drop.csv').getProperties();
    expect(props.contentLength).toBe(Buffer.byteLength(csv));

    let runs: Run[] = [];
    await waitFor(
      'a succeeded run of the drop',
      async () => {
        const res = await fetch(`${second.url}/api/models/crash/runs`, {
          headers: { 'x-functions-key': KEY },
        });
        runs = res.ok ? ((await res.json()) as { items: Run[] }).items : [];
        return runs.some((r) => r.status === 'succeeded' || r.status === 'failed');
      },
      60_000,
    );
    const run = runs.find((r) => r.trigger?.blobName === 'crash/drop.csv');
    expect(run?.status, JSON.stringify(run?.error)).toBe('succeeded');
    const artifact = await fetch(`${second.url}/api/models/crash/versions/${run!.version}/artifact`, {
      headers: { 'x-functions-key': KEY },
    });
    expect(artifact.status).toBe(200);
    expect(await second.stop('SIGINT')).toBe(0);
  }, 120_000);
});
