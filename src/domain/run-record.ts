import { AppError } from '../errors';
import type { Run } from './run';

/** A run as its store read it, with the ETag of that state. */
type ReadRun = Run & { readonly etag: string };

/** The run reads and writes a run record needs (the run store port has them). */
export interface RunRecords {
  readonly registry: {
    getRun(model: string, id: string): Promise<ReadRun | undefined>;
    putRun(run: Run, options?: { ifMatch?: string; ifNoneMatch?: '*' }): Promise<ReadRun>;
  };
}

/** Training progress the pipeline adds to a run document (kept as extra fields of the run). */
export interface RunProgress {
  rowsRead?: number;
  iterations?: number;
}

/** A run as the pipeline writes it. */
export type PipelineRun = Run & RunProgress;

/** True once a run has ended, one way or the other: redeliveries then do nothing. */
export function isFinished(run: Run | undefined): boolean {
  return run?.status === 'succeeded' || run?.status === 'failed';
}

/** Concurrent writers of one run (progress, the step, its failure) rarely collide more. */
const MAX_WRITE_ATTEMPTS = 8;

/**
 * Merges `patch` into the run (creating it when missing); timings are merged, not replaced.
 * Each write is a compare-and-swap on the ETag read (create-only when there was none), retried
 * on a lost race from a fresh read, so no write undoes another. A failed run stays failed: a
 * late patch (a progress write, a redelivered step) leaves it as it is.
 */
export async function updateRun(
  deps: RunRecords,
  model: string,
  runId: string,
  patch: Partial<Omit<PipelineRun, 'id' | 'model'>>,
): Promise<PipelineRun & { readonly etag: string }> {
  for (let attempt = 1; ; attempt++) {
    const current = await deps.registry.getRun(model, runId);
    if (current?.status === 'failed') return current;
    const { etag: _etag, ...base }: PipelineRun & { etag?: string } = current ?? {
      id: runId,
      model,
      status: 'running',
      queuedAt: new Date().toISOString(),
    };
    const timings = patch.timings ? { ...base.timings, ...patch.timings } : base.timings;
    const next: PipelineRun = { ...base, ...patch, ...(timings ? { timings } : {}) };
    try {
      return await deps.registry.putRun(
        next,
        current?.etag ? { ifMatch: current.etag } : { ifNoneMatch: '*' },
      );
    } catch (err) {
      if (!(err instanceof AppError && err.category === 'conflict') || attempt >= MAX_WRITE_ATTEMPTS)
        throw err;
    }
  }
}
