import type { Run } from '../domain/run';
import type { FailureReason } from './failure';
import type { PipelineDeps } from './pipeline-deps';

type Deps = Pick<PipelineDeps, 'registry' | 'versions'>;

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

/** Merges `patch` into the run (creating it when missing); timings are merged, not replaced. */
export async function updateRun(
  deps: Deps,
  model: string,
  runId: string,
  patch: Partial<Omit<PipelineRun, 'id' | 'model' | 'etag'>>,
): Promise<PipelineRun> {
  const current = await deps.registry.getRun(model, runId);
  const base: PipelineRun = current ?? {
    id: runId,
    model,
    status: 'running',
    queuedAt: new Date().toISOString(),
  };
  const { etag: _etag, ...rest } = base;
  const timings = patch.timings ? { ...base.timings, ...patch.timings } : base.timings;
  const next: PipelineRun = { ...rest, ...patch, ...(timings ? { timings } : {}) };
  return deps.registry.putRun(next);
}

/**
 * Ends a run as failed with the reason, and rejects its version if one was reserved and not yet
 * judged, so nothing half-made is left looking like a candidate.
 */
export async function failRun(
  deps: Deps,
  model: string,
  runId: string,
  reason: FailureReason,
): Promise<void> {
  const version = await deps.registry.findVersionByRun(model, runId);
  if (version && version.status === 'candidate') {
    await deps.versions.updateVersion(model, version.version, {
      status: 'rejected',
      statusReason: reason.message,
    });
  }
  await updateRun(deps, model, runId, {
    status: 'failed',
    error: { code: reason.code, message: reason.message },
    finishedAt: new Date().toISOString(),
    ...(version ? { version: version.version } : {}),
  });
}
