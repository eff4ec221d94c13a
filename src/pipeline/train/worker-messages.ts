import { AppError, type ErrorCategory } from '../../errors';
import { DataError, type DataErrorCode, type DataErrorDetails } from '../../ml/errors';
import type { FitInput, FitProgress, FitResult } from './fit-dataset';

/** An error as it crosses the thread boundary: its class is rebuilt on the other side. */
export type WorkerError =
  | { kind: 'data'; code: DataErrorCode; message: string; details: DataErrorDetails }
  | {
      kind: 'app';
      category: ErrorCategory;
      code: string;
      message: string;
      details?: Record<string, unknown>;
    }
  | { kind: 'other'; message: string; stack?: string };

/** What the training worker posts back: progress, then exactly one result or error. */
export type WorkerReply =
  | { type: 'progress'; id: number; progress: FitProgress }
  | { type: 'result'; id: number; result: FitResult }
  | { type: 'error'; id: number; error: WorkerError };

/** One training job sent to the worker. */
export interface WorkerJob {
  readonly id: number;
  readonly input: FitInput;
}

/** An error as plain data, to post across threads. */
export function toWorkerError(err: unknown): WorkerError {
  if (err instanceof DataError)
    return { kind: 'data', code: err.code, message: err.message, details: err.details };
  if (err instanceof AppError)
    return {
      kind: 'app',
      category: err.category,
      code: err.code,
      message: err.message,
      ...(err.details === undefined ? {} : { details: err.details }),
    };
  const e = err instanceof Error ? err : new Error(String(err));
  return { kind: 'other', message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
}

/** The error class back from plain data (DataError, AppError, or an Error with the worker's stack). */
export function fromWorkerError(w: WorkerError, worker = 'Training worker'): Error {
  if (w.kind === 'data') return new DataError(w.code, w.message, w.details);
  if (w.kind === 'app') return new AppError(w.category, w.code, w.message, w.details);
  const e = new Error(`${worker} failed: ${w.message}`);
  if (w.stack) e.stack = w.stack;
  return e;
}
