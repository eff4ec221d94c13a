import { updateRun } from '../domain/run-record';
import type { FailureReason } from './failure';
import type { PipelineDeps } from './pipeline-deps';

/**
 * Ends a run as failed with the reason, and rejects its version if one was reserved and not yet
 * judged, so nothing half-made is left looking like a candidate.
 */
export async function failRun(
  deps: Pick<PipelineDeps, 'registry'>,
  model: string,
  runId: string,
  reason: FailureReason,
): Promise<void> {
  const version = await deps.registry.findVersionByRun(model, runId);
  if (version && version.status === 'candidate') {
    await deps.registry.updateVersion(model, version.version, {
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
