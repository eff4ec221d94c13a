import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { fitDataset, type FitInput, type FitProgress, type FitResult } from './fit-dataset';
import { fromWorkerError, type WorkerInput, type WorkerReply } from './worker-messages';

const WORKER_FILE = path.join(__dirname, 'train-worker.js');

/**
 * Runs fitDataset on a worker thread (the compiled train-worker.js beside this file), so a long
 * training leaves the host free to serve other invocations. Where there is no compiled worker
 * (unit tests running the TypeScript sources) it runs in-process.
 */
export function fitOffThread(
  input: FitInput,
  onProgress: (p: FitProgress) => void = () => {},
): Promise<FitResult> {
  if (!existsSync(WORKER_FILE)) return fitDataset(input, onProgress);
  return new Promise<FitResult>((resolve, reject) => {
    const data: WorkerInput = { input };
    const worker = new Worker(WORKER_FILE, { workerData: data });
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'progress') onProgress(reply.progress);
      else if (reply.type === 'result') settle(() => resolve(reply.result));
      else settle(() => reject(fromWorkerError(reply.error)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`Training worker exited with code ${code} before answering`))),
    );
  });
}
