import type { InvocationContext } from '@azure/functions';
import { permanentFailure, type FailureReason } from '../pipeline/failure';
import type { PipelineDeps } from '../pipeline/pipeline-deps';
import { failRun } from '../pipeline/fail-run';
import { NO_TELEMETRY, type Telemetry } from '../platform/ports/telemetry';

/** How a pipeline step ended without throwing: done, or failed for good with the reason. */
export type StepOutcome =
  { readonly kind: 'done' } | { readonly kind: 'failed'; readonly reason: FailureReason };

export const STEP_DONE: StepOutcome = { kind: 'done' };

/**
 * The one place a pipeline trigger's error becomes an outcome. A permanent failure (bad data,
 * spec or model; malformed message) fails the run with its reason and returns it, so the
 * trigger does not retry it (a Service Bus message is dead-lettered with the reason). Anything
 * else is thrown: the host retries it and, past the delivery budget, moves it to the poison or
 * dead-letter queue. Either way the error is reported as an exception with the invocation id and
 * the outcome (`failed` or `retried`).
 */
export async function settleRun(
  context: InvocationContext,
  deps: () => PipelineDeps,
  run: () => { model: string; runId: string } | undefined,
  work: () => Promise<void>,
): Promise<StepOutcome> {
  try {
    await work();
    return STEP_DONE;
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
    return { kind: 'failed', reason };
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
