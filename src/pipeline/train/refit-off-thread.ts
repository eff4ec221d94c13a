import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TrainingInput } from '../../ml/models/training-input';
import type { ModelSpec } from '../../domain/spec/model-spec';
import type { Trained } from './train-model';
import type { TrainerParams } from './trainer-params';
import { fromWorkerError, type WorkerError } from './worker-messages';

const WORKER_FILE = path.join(__dirname, 'refit-worker.js');

/** One refit sent to the refit worker. */
export interface RefitJob {
  readonly id: number;
  readonly algorithm: ModelSpec['algorithm'];
  readonly input: TrainingInput;
  readonly params: TrainerParams;
}

/** What the refit worker posts back: iteration progress, then one result or error. */
export type RefitReply =
  | { type: 'progress'; id: number; done: number; planned: number }
  | { type: 'result'; id: number; trained: Trained }
  | { type: 'error'; id: number; error: WorkerError };

/** A refit training on another thread. */
export interface RunningRefit {
  readonly result: Promise<Trained>;
  /** Stops it (the validated model failed): its worker is dropped. */
  cancel(): void;
}

// Below this many cells gbdt builds its histograms on one thread (see threadCount in
// ml/gbdt/boosting): only then is a second core free for the refit.
const SINGLE_THREAD_CELLS = 1_000_000;

/**
 * Whether the refit may train beside the validated model: there is a compiled worker file and a
 * second core, its settings do not wait on the validated fit (gbdt early stopping picks the
 * refit's iteration count), and neither fit would spread its histograms over the cores itself.
 */
export function canRefitAlongside(
  algorithm: ModelSpec['algorithm'],
  params: TrainerParams,
  cells: number,
): boolean {
  if (!existsSync(WORKER_FILE) || availableParallelism() < 2) return false;
  if (algorithm !== 'gbdt') return true;
  if (params.earlyStopping === true) return false;
  const threads = typeof params.nThreads === 'number' ? params.nThreads : 0;
  return threads === 1 || (threads === 0 && cells < SINGLE_THREAD_CELLS);
}

let idle: Worker | undefined;
let nextId = 1;

/**
 * Starts the worker ahead of the refit (it loads the engine while the data is read); kept idle
 * between drops, unref'd so it never holds the process open.
 */
export function warmRefitWorker(): void {
  if (idle === undefined && existsSync(WORKER_FILE)) idle = spawn();
}

function spawn(): Worker {
  const worker = new Worker(WORKER_FILE);
  worker.unref();
  worker.on('error', () => {}); // reported to the refit in flight
  worker.on('exit', () => {
    if (idle === worker) idle = undefined;
  });
  return worker;
}

/** Trains `input` with `params` on the refit worker; onIteration as trainModel's. */
export function refitOffThread(
  algorithm: ModelSpec['algorithm'],
  input: TrainingInput,
  params: TrainerParams,
  onIteration?: (done: number, planned: number) => void,
): RunningRefit {
  const worker = idle ?? spawn();
  idle = undefined;
  worker.ref();
  const id = nextId++;
  let settle: ((err: Error | undefined, trained?: Trained) => void) | undefined;
  const result = new Promise<Trained>((resolve, reject) => {
    settle = (err, trained) => {
      settle = undefined;
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (err) reject(err);
      else resolve(trained!);
    };
  });
  const onMessage = (reply: RefitReply): void => {
    if (reply.id !== id) return;
    if (reply.type === 'progress') return onIteration?.(reply.done, reply.planned);
    if (idle === undefined) {
      worker.unref();
      idle = worker;
    } else void worker.terminate();
    if (reply.type === 'result') settle?.(undefined, reply.trained);
    else settle?.(fromWorkerError(reply.error));
  };
  const onError = (err: Error): void => {
    void worker.terminate();
    settle?.(err);
  };
  const onExit = (code: number): void =>
    settle?.(new Error(`Refit worker exited with code ${code} before answering`));
  worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  const job: RefitJob = { id, algorithm, input, params };
  worker.postMessage(job);
  return {
    result,
    cancel: () => {
      if (settle === undefined) return;
      void worker.terminate();
      settle(new Error('Refit cancelled'));
    },
  };
}
