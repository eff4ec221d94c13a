import type { InvocationContext } from '@azure/functions';
import { categoryOf, settlementFor, type TriggerKind } from '../error-outcomes';
import { permanentFailure, type FailureReason } from '../pipeline/failure';
import type { PipelineDeps } from '../pipeline/pipeline-deps';
import { failRun } from '../pipeline/fail-run';
import type { Telemetry } from '../platform/ports/telemetry';
import { appTelemetry } from './app-context';

/** How a run ended without throwing: done, or failed for good, settled as the outcome table says. */
export type StepOutcome =
  | { readonly kind: 'done' }
  | {
      readonly kind: 'failed';
      readonly reason: FailureReason;
      readonly settlement: 'complete' | 'dead-letter';
    };

export const STEP_DONE: StepOutcome = { kind: 'done' };

/** What a run is about, once the handler knows it: where a permanent failure is recorded. */
export interface FailureTarget {
  /** Telemetry properties naming it (model, run id, version). */
  readonly properties: Readonly<Record<string, string>>;
  /** Records the failure where users look for it (the run, the retrain record); none: logged only. */
  record?(reason: FailureReason): Promise<void>;
}

/** Handed to a run's work so it can say what the run is about as soon as it has parsed it. */
export interface RunScope {
  about(target: FailureTarget): void;
}

export interface RunOptions {
  readonly trigger: TriggerKind;
  /** Where exceptions are reported; default the app's (none when the settings cannot be read). */
  readonly telemetry?: () => Telemetry;
}

/**
 * The one place a triggered run's error becomes an outcome, by the outcome table
 * (src/error-outcomes.ts): what it fails for good is recorded on the run's target (see `about`)
 * and returned, so the trigger does not retry it (a Service Bus message is dead-lettered with the
 * reason); what it retries is thrown: the host redelivers it and, past the delivery budget,
 * moves it to the poison or dead-letter queue. Either way the error is reported as an exception
 * with the invocation id and the outcome (`failed` or `retried`).
 */
export async function runStep(
  options: RunOptions,
  context: InvocationContext,
  work: (scope: RunScope) => Promise<void>,
): Promise<StepOutcome> {
  let target: FailureTarget | undefined;
  try {
    await work({ about: (t) => void (target = t) });
    return STEP_DONE;
  } catch (err) {
    const settlement = settlementFor(options.trigger, categoryOf(err));
    const reason = settlement === 'retry' ? undefined : permanentFailure(err);
    (options.telemetry ?? appTelemetry)().exception(err, {
      invocationId: context.invocationId,
      functionName: context.functionName,
      outcome: reason ? 'failed' : 'retried',
      ...(reason && { code: reason.code }),
      ...target?.properties,
    });
    if (settlement === 'retry' || !reason) {
      context.error(`Will be retried: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
    context.warn(`Failed without retry (${reason.code}): ${reason.message}`);
    await target?.record?.(reason);
    return { kind: 'failed', reason, settlement };
  }
}

/** A training, validation or scoring run: a permanent failure fails it (rejecting its reserved version). */
export function pipelineRun(deps: () => PipelineDeps, run: { model: string; runId: string }): FailureTarget {
  return {
    properties: { model: run.model, runId: run.runId },
    record: (reason) => failRun(deps(), run.model, run.runId, reason),
  };
}
