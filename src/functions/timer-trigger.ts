import { app, type InvocationContext } from '@azure/functions';
import { runStep, type RunScope } from './run-outcome';

/** The app setting holding a timer's NCRONTAB schedule (referenced as %NAME%). */
export type ScheduleSetting = 'DRIFT_SCHEDULE';

/** Handles one occurrence of a timer; it does not catch (see pipelineTimer). */
export type PipelineTimerHandler = (context: InvocationContext, scope: RunScope) => Promise<void>;

/**
 * Registers a timer function, its handler run by runStep: a failure for good is logged and
 * reported; one a retry may fix is thrown, so the host records a failed invocation (a timer is
 * not redelivered: its next occurrence runs again).
 */
export function pipelineTimer(name: string, schedule: ScheduleSetting, handler: PipelineTimerHandler): void {
  app.timer(name, {
    schedule: `%${schedule}%`,
    handler: async (_timer, context) =>
      void (await runStep({ trigger: 'timer' }, context, (scope) => handler(context, scope))),
  });
}
