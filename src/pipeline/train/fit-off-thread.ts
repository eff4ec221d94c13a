import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DatasetTrainer } from './dataset-trainer';
import { fitDataset, type FitInput, type FitProgress, type FitResult } from './fit-dataset';
import { fromWorkerError, type WorkerJob, type WorkerReply } from './worker-messages';

const WORKER_FILE = path.join(__dirname, 'train-worker.js');

/** Trains in the calling thread: unit tests, and where there is no compiled worker file. */
export const inProcessTrainer: DatasetTrainer = { fit: fitDataset };

/**
 * Trains on worker threads (the compiled train-worker.js beside this file), so a long training
 * leaves the host free to serve other invocations. One idle worker is kept (unref'd, so it never
 * holds the process open) and reused: measured on the bike data, a cold worker fits in ~2 s and
 * a warm one in ~0.8 s. Concurrent trainings get a worker each. Without a compiled worker file
 * (unit tests on the TypeScript sources) it trains in-process.
 */
export class WorkerTrainer implements DatasetTrainer {
  #idle: Worker | undefined;
  #nextId = 1;

  static available(): boolean {
    return existsSync(WORKER_FILE);
  }

  async fit(input: FitInput, onProgress: (p: FitProgress) => void): Promise<FitResult> {
    const worker = this.#idle ?? this.#spawn();
    this.#idle = undefined;
    worker.ref();
    const result = await this.#run(worker, input, onProgress).catch((err: unknown) => {
      if (!(err instanceof WorkerCrash)) this.#keep(worker);
      throw err instanceof WorkerCrash ? err.cause : err;
    });
    this.#keep(worker);
    return result;
  }

  #spawn(): Worker {
    const worker = new Worker(WORKER_FILE);
    worker.on('exit', () => {
      if (this.#idle === worker) this.#idle = undefined;
    });
    worker.on('error', () => {}); // reported to the job in flight by #run
    return worker;
  }

  #keep(worker: Worker): void {
    if (this.#idle === undefined) {
      worker.unref();
      this.#idle = worker;
    } else void worker.terminate();
  }

  #run(worker: Worker, input: FitInput, onProgress: (p: FitProgress) => void): Promise<FitResult> {
    const id = this.#nextId++;
    return new Promise<FitResult>((resolve, reject) => {
      const done = (): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (reply: WorkerReply): void => {
        if (reply.id !== id) return;
        if (reply.type === 'progress') return onProgress(reply.progress);
        done();
        if (reply.type === 'result') resolve(reply.result);
        else reject(fromWorkerError(reply.error));
      };
      const onError = (err: Error): void => {
        done();
        void worker.terminate();
        reject(new WorkerCrash(err));
      };
      const onExit = (code: number): void => {
        done();
        reject(new WorkerCrash(new Error(`Training worker exited with code ${code} before answering`)));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      const job: WorkerJob = { id, input };
      worker.postMessage(job);
    });
  }
}

/** A worker that died: it is not reused. */
class WorkerCrash extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
  }
}
