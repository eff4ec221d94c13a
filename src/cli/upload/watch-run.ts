import type { Run } from '../../domain/run';
import { runIdFor } from '../../domain/ids';
import { fetchRuns } from './runs-client';

export interface WatchOptions {
  url: string;
  key?: string;
  model: string;
  /** The data blob's name in the datasets container (`{model}/{file}`) and the ETag uploaded. */
  blobName: string;
  etag: string;
  /** Between polls; default 1000 ms. */
  intervalMs?: number;
  /** Give up after; default 10 minutes. */
  timeoutMs?: number;
  /** Where progress lines go. */
  print: (line: string) => void;
}

/**
 * Polls the app's runs until the run of this blob version ends, printing a line whenever its
 * stage, progress or status changes. Returns the finished run (succeeded or failed).
 */
export async function watchRun(options: WatchOptions): Promise<Run> {
  const { url, key, model, print } = options;
  const interval = options.intervalMs ?? 1000;
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  const runId = runIdFor(options.blobName, options.etag);
  const etag = options.etag.replace(/"/g, '');
  let last = '';
  for (;;) {
    const page = await fetchRuns(url, key, model);
    const run = page?.items.find(
      (r) =>
        r.id === runId ||
        (r.trigger?.blobName === options.blobName && r.trigger.etag?.replace(/"/g, '') === etag),
    );
    const line = run ? describe(run) : 'waiting for the run to start';
    if (line !== last) print(line);
    last = line;
    if (run && (run.status === 'succeeded' || run.status === 'failed')) return run;
    if (Date.now() > deadline) {
      throw new Error(`gave up after ${Math.round((options.timeoutMs ?? 600_000) / 1000)} s: ${line}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

function describe(run: Run): string {
  const progress = run.progress === undefined ? '' : ` ${Math.round(run.progress * 100)}%`;
  return `run ${run.id}: ${run.status}, stage ${run.stage ?? '-'}${progress}`;
}
