// `mlops upload` against the local runtime (in-process, real emulators) with generated taxi data.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadDataDrop, type UploadOptions } from '../../src/cli/commands/upload';
import { FUNCTION_KEY } from '../support/keys';
import { startPipeline, type Pipeline } from '../support/runtime';
import { uniqueName, ROOT } from '../support/settings';
import { TAXI_SPEC, taxiCsv } from '../support/taxi-data';
import type { JsonValue } from '../../src/domain/json';

let p: Pipeline;
const dir = mkdtempSync(path.join(tmpdir(), 'mlops-upload-'));
const file = (name: string, text: string): string => {
  writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};

beforeAll(async () => {
  p = await startPipeline();
});
afterAll(() => p?.stop());

function options(model: string, overrides: Partial<UploadOptions> = {}): UploadOptions {
  const connectionString =
    p.config.storage.kind === 'connectionString' ? p.config.storage.connectionString : '';
  return {
    model,
    url: p.runtime.url,
    key: FUNCTION_KEY,
    connectionString,
    container: p.config.containers.datasets,
    intervalMs: 100,
    timeoutMs: 60_000,
    ...overrides,
  };
}

async function upload(fileName: string, opts: UploadOptions): Promise<{ lines: string[]; error?: string }> {
  const lines: string[] = [];
  try {
    await uploadDataDrop(fileName, opts, (line) => lines.push(line));
    return { lines };
  } catch (error) {
    return { lines, error: (error as Error).message };
  }
}

const blobExists = async (name: string) =>
  (await p.adapters.blobs.tryGetProperties(p.config.containers.datasets, name)) !== undefined;

describe('mlops upload', () => {
  it('uploads spec and data, prints the run progress and ends with the version', async () => {
    const model = uniqueName('taxi');
    const spec = file('taxi-spec.json', JSON.stringify(TAXI_SPEC));
    const data = file('taxi-2025-01.csv', taxiCsv({ days: 10, zones: 3 }));
    const { lines, error } = await upload(data, options(model, { spec }));
    expect(error).toBeUndefined();
    expect(lines[0]).toBe(`uploaded ${p.config.containers.datasets}/${model}/model.json`);
    expect(lines[1]).toMatch(
      new RegExp(`^uploaded ${p.config.containers.datasets}/${model}/taxi-2025-01.csv \\(\\d+ bytes\\)$`),
    );
    expect(lines.some((l) => /^run run-[0-9a-f]{24}: running, stage \w+( \d+%)?$/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(new RegExp(`^run run-[0-9a-f]{24} succeeded: ${model} version 1$`));
    expect((await p.adapters.registry.getVersion(model, 1))?.status).toBe('production');

    // The same file again under another name: nothing to train, and the CLI says so.
    const copy = file('taxi-2025-01-copy.csv', taxiCsv({ days: 10, zones: 3 }));
    const again = await upload(copy, options(model));
    expect(again.error).toBeUndefined();
    expect(again.lines.at(-1)).toMatch(
      new RegExp(
        `^run run-[0-9a-f]{24} succeeded: ${model} already trained as version 1: same data \\(sha256 [0-9a-f]{12}\\) and spec$`,
      ),
    );
    expect(await p.adapters.registry.getVersion(model, 2)).toBeUndefined();
  });

  it('uploads data alone when the model has a spec put by PUT /spec', async () => {
    const model = uniqueName('taxi');
    await p.adapters.registry.putSpec(model, JSON.parse(JSON.stringify(TAXI_SPEC)) as JsonValue);
    const data = file('taxi-spec-stored.csv', taxiCsv({ days: 10, zones: 3 }));
    const { lines, error } = await upload(data, options(model));
    expect(error).toBeUndefined();
    expect(lines[0]).toMatch(/^uploaded \S+\/taxi-spec-stored\.csv \(\d+ bytes\)$/);
    expect(lines.at(-1)).toMatch(new RegExp(`^run run-[0-9a-f]{24} succeeded: ${model} version 1$`));
  });

  it('fails with the run reason when the data cannot train', async () => {
    const model = uniqueName('taxi');
    const spec = file('spec-2.json', JSON.stringify(TAXI_SPEC));
    const data = file('header-only.csv', taxiCsv({ days: 1, zones: 1 }).split('\n')[0] + '\n');
    const { error } = await upload(data, options(model, { spec }));
    expect(error).toMatch(/^run run-[0-9a-f]{24} failed \(\w+\): ./);
  });

  it.each([
    ['a missing file', () => path.join(dir, 'nope.csv'), {}, `file not found: ${path.join(dir, 'nope.csv')}`],
    [
      'a spec that is not JSON',
      () => file('data.csv', 'a,b\n1,2\n'),
      { spec: '{bad' },
      /^--spec .+bad-spec\.json: Invalid model spec bad-spec\.json: not JSON \(/,
    ],
    [
      'a spec naming an unknown algorithm',
      () => file('data.csv', 'a,b\n1,2\n'),
      { spec: JSON.stringify({ target: 'b', algorithm: 'forest' }) },
      /^--spec .+bad-spec\.json: Invalid model spec: algorithm: Invalid option: expected one of "gbdt"\|"linear"\|"logistic"$/,
    ],
    [
      'an unreachable runtime',
      () => file('data.csv', 'a,b\n1,2\n'),
      { url: 'http://127.0.0.1:{closedPort}' },
      /^cannot reach the runtime at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\); is it running \(npm start\)\?$/,
    ],
    [
      'a wrong key',
      () => file('data.csv', 'a,b\n1,2\n'),
      { key: 'not-the-key' },
      /^the runtime at http:\/\/127\.0\.0\.1:\d+ refused the function key \(401\); check --key or LOCAL_FUNCTION_KEY$/,
    ],
    [
      'no spec given and none stored',
      () => file('data.csv', 'a,b\n1,2\n'),
      {},
      /^nothing-\S+ has no spec yet: pass --spec <spec\.json> \(at least \{"target": "<column>"\}\)\. Nothing was uploaded: data uploaded before its spec does not train\.$/,
    ],
  ])('stops before uploading anything on %s', async (_, data, overrides, message) => {
    const model = uniqueName('nothing');
    const { spec, ...rest } = overrides as { spec?: string; url?: string };
    if (rest.url) rest.url = rest.url.replace('{closedPort}', String(await closedPort()));
    const specFile = spec === undefined ? undefined : file('bad-spec.json', spec);
    const { error } = await upload(data(), options(model, { ...rest, ...(specFile && { spec: specFile }) }));
    if (typeof message === 'string') expect(error).toBe(message);
    else expect(error).toMatch(message);
    expect(await blobExists(`${model}/model.json`)).toBe(false);
    expect(await blobExists(`${model}/data.csv`)).toBe(false);
  });

  it('exits 0 with the version as a command, 1 with one line on error', async () => {
    const model = uniqueName('taxi');
    const spec = file('cli-spec.json', JSON.stringify(TAXI_SPEC));
    const data = file('cli.csv', taxiCsv({ days: 10, zones: 2 }));
    const common = [
      '--url',
      p.runtime.url,
      '--key',
      FUNCTION_KEY,
      '--container',
      p.config.containers.datasets,
    ];
    const ok = await mlops([
      'upload',
      data,
      '--model',
      model,
      '--spec',
      spec,
      '--interval',
      '0.1',
      ...common,
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim().split('\n').at(-1)).toMatch(new RegExp(`succeeded: ${model} version 1$`));
    const bad = await mlops(['upload', path.join(dir, 'missing.csv'), '--model', model, ...common]);
    expect(bad).toEqual({
      code: 1,
      stdout: '',
      stderr: `mlops: file not found: ${path.join(dir, 'missing.csv')}\n`,
    });
  });
});

/** A port nothing listens on: one the system just handed out and got back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs the compiled CLI in a folder without settings files, storage from the environment. */
function mlops(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const storage = p.config.storage.kind === 'connectionString' ? p.config.storage.connectionString : '';
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/cli/mlops.js'), ...args], {
    cwd: dir,
    env: { ...process.env, AzureWebJobsStorage: storage },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}
