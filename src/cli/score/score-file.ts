import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadAppSettings } from '../../local/app-settings';
import { AzureBlobStore } from '../../platform/blob/azure-blob-store';
import { blobServiceClient } from '../../platform/storage-clients';
import { fileWithProgress } from '../output/progress-bar';
import { fetchRuns } from '../upload/runs-client';
import { resolveTarget, type TargetOptions } from '../upload/upload-target';
import { watchRun } from '../upload/watch-run';

export interface ScoreOptions extends Omit<TargetOptions, 'container'> {
  /** Pin a version: uploads to `{model}/v{N}/`; default the production version. */
  version?: number;
  /** Where the predictions go; default `{file}.predictions.{ext}` beside the input. */
  out?: string;
  scoringContainer?: string;
  predictionsContainer?: string;
  intervalMs?: number;
  timeoutMs?: number;
  /** A terminal to draw the upload's progress bar on; undefined draws none. */
  progress?: NodeJS.WriteStream;
}

/** What a scoring run ended with; a failed run is thrown instead, with its reason. */
export interface ScoreResult {
  runId: string;
  out: string;
  rows: number;
  errorRows: number;
}

const CLI_RETRY = { maxTries: 2, retryDelayInMs: 300, maxRetryDelayInMs: 1000 };

/** `{dir}/{base}.predictions{.ext}`: the default output file of `mlops score`. */
export function defaultOutput(file: string): string {
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.predictions${ext}`);
}

/**
 * Uploads a file to `scoring/{model}/[v{N}/]{name}`, follows its scoring run, and downloads
 * `predictions/{model}/{name}` when it succeeds. Throws one-line errors (a failed run with why).
 */
export async function scoreFile(
  model: string,
  file: string,
  options: ScoreOptions,
  print: (line: string) => void,
  dir: string = process.cwd(),
): Promise<ScoreResult> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new Error(`file not found: ${file}`);
  const { settings } = loadAppSettings(dir, process.env);
  const scoring = options.scoringContainer ?? settings.SCORING_CONTAINER ?? 'scoring';
  const predictions = options.predictionsContainer ?? settings.PREDICTIONS_CONTAINER ?? 'predictions';
  const target = resolveTarget({ ...options, container: scoring }, dir);
  await fetchRuns(target.url, target.key, model, 1); // the runtime and key answer, before uploading
  const blobs = new AzureBlobStore(
    blobServiceClient({ kind: 'connectionString', connectionString: target.connectionString }, CLI_RETRY),
  );
  const name = path.basename(file);
  const blobName = `${model}/${options.version === undefined ? '' : `v${options.version}/`}${name}`;
  const size = statSync(file).size;
  const data = options.progress
    ? fileWithProgress(file, size, `uploading ${name}`, options.progress)
    : createReadStream(file);
  const info = await blobs.upload(scoring, blobName, data);
  print(`uploaded ${scoring}/${blobName} (${info.size} bytes)`);
  const run = await watchRun({
    url: target.url,
    ...(target.key !== undefined && { key: target.key }),
    model,
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
  const outputName = run.scoring?.output ?? `${model}/${name}`;
  const { data: bytes } = await blobs.downloadToBuffer(predictions, outputName);
  const out = options.out ?? defaultOutput(file);
  writeFileSync(out, bytes);
  const rows = run.scoring?.rows ?? 0;
  const errorRows = run.scoring?.errorRows ?? 0;
  print(
    `run ${run.id} succeeded: ${rows} rows scored by version ${run.version ?? '?'}` +
      `${errorRows > 0 ? `, ${errorRows} with an error (see the error column)` : ''}; wrote ${out}`,
  );
  return { runId: run.id, out, rows, errorRows };
}
