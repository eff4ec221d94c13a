import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { AzureBlobStore } from '../../platform/blob/azure-blob-store';
import { blobServiceClient } from '../../platform/storage-clients';
import { parseModelSpecText } from '../../domain/spec/model-spec';
import { hasStoredSpec } from '../upload/stored-spec';
import { fileWithProgress } from '../output/progress-bar';
import { fetchRuns } from '../upload/runs-client';
import { resolveTarget, type TargetOptions } from '../upload/upload-target';
import { watchRun } from '../upload/watch-run';

export interface UploadOptions extends TargetOptions {
  model: string;
  spec?: string;
  /** false: upload and return without watching the run. */
  wait?: boolean;
  intervalMs?: number;
  timeoutMs?: number;
  /** A terminal to draw the upload's progress bar on; undefined draws none. */
  progress?: NodeJS.WriteStream;
}

/** What an upload ended with; a failed run is thrown instead, with its reason. */
export interface UploadResult {
  blobName: string;
  runId?: string;
  version?: number;
}

// A short retry budget: a wrong connection string should fail in seconds, not minutes.
const CLI_RETRY = { maxTries: 2, retryDelayInMs: 300, maxRetryDelayInMs: 1000 };

/**
 * Uploads a data file (and optionally the spec, validated locally first) to `{model}/` in the
 * datasets container, then watches the run it starts until it ends. Throws one-line errors.
 */
export async function uploadDataDrop(
  file: string,
  options: UploadOptions,
  print: (line: string) => void,
): Promise<UploadResult> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new Error(`file not found: ${file}`);
  const specText = options.spec === undefined ? undefined : readSpec(options.spec);
  const target = resolveTarget(options);
  const wait = options.wait !== false;
  // Check the runtime and key before anything is uploaded, so a typo does not start a run blind.
  if (wait) await fetchRuns(target.url, target.key, options.model, 1);
  const blobs = new AzureBlobStore(
    blobServiceClient({ kind: 'connectionString', connectionString: target.connectionString }, CLI_RETRY),
  );
  if (specText === undefined && wait && !(await hasStoredSpec(blobs, target, options.model))) {
    throw new Error(
      `${options.model} has no spec yet: pass --spec <spec.json> (at least {"target": "<column>"}). ` +
        'Nothing was uploaded: data uploaded before its spec does not train.',
    );
  }
  if (specText !== undefined) {
    await blobs.upload(target.container, `${options.model}/model.json`, specText, {
      contentType: 'application/json',
    });
    print(`uploaded ${target.container}/${options.model}/model.json`);
  }
  const blobName = `${options.model}/${path.basename(file)}`;
  const size = statSync(file).size;
  // The bar goes to stderr and only to a terminal: piped output and logs keep plain lines.
  const data = options.progress
    ? fileWithProgress(file, size, `uploading ${path.basename(file)}`, options.progress)
    : readFileSync(file);
  const info = await blobs.upload(target.container, blobName, data);
  print(`uploaded ${target.container}/${blobName} (${info.size} bytes)`);
  if (!wait) return { blobName };
  const run = await watchRun({
    url: target.url,
    ...(target.key !== undefined && { key: target.key }),
    model: options.model,
    blobName,
    etag: info.etag,
    print,
    ...(options.intervalMs !== undefined && { intervalMs: options.intervalMs }),
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  });
  if (run.status === 'failed') {
    throw new Error(
      `run ${run.id} failed (${run.error?.code ?? 'no code'}): ${run.error?.message ?? 'no reason given'}`,
    );
  }
  // A run that trained nothing (the same data and spec as an existing version) says why.
  const outcome = run.message ?? `version ${run.version ?? '(none recorded)'}`;
  print(`run ${run.id} succeeded: ${options.model} ${outcome}`);
  return { blobName, runId: run.id, ...(run.version !== undefined && { version: run.version }) };
}

/** Reads and validates the spec file; a bad spec fails here, before anything is uploaded. */
function readSpec(file: string): string {
  if (!existsSync(file)) throw new Error(`spec file not found: ${file}`);
  const text = readFileSync(file, 'utf8');
  try {
    parseModelSpecText(text, path.basename(file));
  } catch (error) {
    throw new Error(`--spec ${file}: ${(error as Error).message}`, { cause: error });
  }
  return text;
}

function seconds(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0)
      throw new InvalidArgumentError(`${name} must be a positive number of seconds`);
    return n;
  };
}

export function uploadCommand(): Command {
  return new Command('upload')
    .description('upload a data file (and spec) to datasets/{model}/ and follow the training run to its end')
    .argument('<file>', 'data file: .csv, .jsonl or .parquet')
    .requiredOption('--model <name>', 'model name (the folder in the datasets container)')
    .option('--spec <spec.json>', 'model spec to upload first as model.json (checked locally before upload)')
    .option('--url <url>', 'the Functions app (default http://localhost:{LocalHttpPort or 7071})')
    .option('--key <key>', 'function key (default LOCAL_FUNCTION_KEY from local.settings*.json)')
    .option('--connection-string <cs>', 'storage account (default AzureWebJobsStorage: the local Azurite)')
    .option('--container <name>', 'datasets container (default DATASETS_CONTAINER or "datasets")')
    .option('--no-wait', 'upload and return without following the run')
    .option('--interval <s>', 'seconds between polls', seconds('--interval'), 1)
    .option('--timeout <s>', 'seconds to follow the run before giving up', seconds('--timeout'), 600)
    .action(async (file: string, opts: UploadOptions & { interval: number; timeout: number }) => {
      const { interval, timeout, ...rest } = opts;
      await uploadDataDrop(
        file,
        {
          ...rest,
          intervalMs: interval * 1000,
          timeoutMs: timeout * 1000,
          ...(process.stderr.isTTY && { progress: process.stderr }),
        },
        (line) => process.stdout.write(`${line}\n`),
      );
    });
}
