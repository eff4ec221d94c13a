import type { InvocationContext } from '@azure/functions';
import { permanentFailure } from '../pipeline/failure';
import type { PipelineDeps } from '../pipeline/pipeline-deps';
import { failRun } from '../pipeline/run-record';
import { NO_TELEMETRY, type Telemetry } from '../platform/ports/telemetry';

/**
 * The one place a pipeline trigger's error becomes an outcome. A permanent failure (bad data,
 * spec or model; malformed message) fails the run with its reason and returns normally, so the
 * trigger does not retry it. Anything else is thrown: the host retries it and, past
 * maxDequeueCount, moves it to the poison queue. Either way the error is reported as an
 * exception with the invocation id and the outcome (`failed` or `retried`).
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
    const target = run();
    telemetryOf(deps).exception(err, {
      invocationId: context.invocationId,
      functionName: context.functionName,
      outcome: reason ? 'failed' : 'retried',
      ...(reason && { code: reason.code }),
      ...(target && { model: target.model, runId: target.runId }),
    });
    if (!reason) {
      context.error(`Will be retried: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
    context.warn(`Failed without retry (${reason.code}): ${reason.message}`);
    if (target) await failRun(deps(), target.model, target.runId, reason);
  }
}

/** The steps' telemetry; none when the deps cannot be built (a bad setting is the error here). */
function telemetryOf(deps: () => PipelineDeps): Telemetry {
  try {
    return deps().telemetry ?? NO_TELEMETRY;
  } catch {
    return NO_TELEMETRY;
  }
}
