import type { InvocationContext } from '@azure/functions';
import { permanentFailure } from '../pipeline/failure';
import type { PipelineDeps } from '../pipeline/pipeline-deps';
import { failRun } from '../pipeline/run-record';

/**
 * The one place a pipeline trigger's error becomes an outcome. A permanent failure (bad data,
 * spec or model; malformed message) fails the run with its reason and returns normally, so the
 * trigger does not retry it. Anything else is thrown: the host retries it and, past
 * maxDequeueCount, moves it to the poison queue.
 */
export async function settleRun(
  context: InvocationContext,
  deps: () => PipelineDeps,
  run: () => { model: string; runId: string } | undefined,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (err) {
    const reason = permanentFailure(err);
    if (!reason) {
      context.error(`Will be retried: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
    const target = run();
    context.warn(`Failed without retry (${reason.code}): ${reason.message}`);
    if (target) await failRun(deps(), target.model, target.runId, reason);
  }
}
