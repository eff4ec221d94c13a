import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { fromWorkerError, type WorkerError } from '../pipeline/train/worker-messages';
import { scoreDrop, type ScoringOutcome } from '../serving/batch/score-drop';
import type { ScoringDrop } from '../serving/batch/scoring-drop';
import { scoringDeps } from './scoring-context';

/** The one job a scoring worker is given. */
export interface ScoringJob {
  readonly drop: ScoringDrop;
}

/** What a scoring worker posts back: exactly one outcome or error. */
export type ScoringReply =
  | { readonly type: 'result'; readonly outcome: ScoringOutcome }
  | { readonly type: 'error'; readonly error: WorkerError };

const WORKER_FILE = path.join(__dirname, 'score-drop-worker.js');

/**
 * Scores a drop on a worker thread of its own (the compiled score-drop-worker.js beside this
 * file), so parsing, encoding and writing a file of millions of rows never holds up the HTTP
 * predictions this host serves. A fresh thread per drop: it costs a fraction of a second beside
 * a file's scoring, and it reads the settings as they are now. Without the compiled worker
 * (tests on the TypeScript sources) it scores on this thread.
 */
export function scoreDropOffThread(drop: ScoringDrop): Promise<ScoringOutcome> {
  if (!existsSync(WORKER_FILE)) return scoreDrop(scoringDeps(), drop);
  const worker = new Worker(WORKER_FILE);
  return new Promise<ScoringOutcome>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.once('message', (reply: ScoringReply) =>
      settle(() =>
        reply.type === 'result'
          ? resolve(reply.outcome)
          : reject(fromWorkerError(reply.error, 'Scoring worker')),
      ),
    );
    worker.once('error', (err) => settle(() => reject(new Error(`Scoring worker failed: ${err.message}`))));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`Scoring worker exited with code ${code} before answering`))),
    );
    const job: ScoringJob = { drop };
    worker.postMessage(job);
  });
}
