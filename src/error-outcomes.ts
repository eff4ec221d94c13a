import { AppError, type ErrorCategory } from './errors';
import { DataError } from './ml/errors';

/** What a triggered run does on an error of a category: fail for good, or try again. */
export type RunDisposition = 'fail' | 'retry';

/** What one error category means to an HTTP client and to a triggered run. */
export interface CategoryOutcome {
  /** The HTTP status the error answers with. */
  readonly status: number;
  /** Whether a queue, Service Bus, blob or timer run fails for good or is retried. */
  readonly run: RunDisposition;
  /** Whether the answer may carry the error's own message (internal ones may name hosts or keys). */
  readonly showMessage: boolean;
}

/**
 * The one table of error outcomes. A failure retrying cannot fix (bad input, data, spec or
 * model; something that does not exist; a stored file that fails its check) fails the run at
 * once with its reason; everything else (a lost race, a dependency down, a bug, a refused
 * credential that an operator may fix) is retried by the trigger.
 */
export const CATEGORY_OUTCOMES: Readonly<Record<ErrorCategory, CategoryOutcome>> = {
  invalid: { status: 400, run: 'fail', showMessage: true },
  unauthorized: { status: 401, run: 'retry', showMessage: true },
  forbidden: { status: 403, run: 'retry', showMessage: true },
  not_found: { status: 404, run: 'fail', showMessage: true },
  conflict: { status: 409, run: 'retry', showMessage: true },
  too_large: { status: 413, run: 'fail', showMessage: true },
  unsupported_media_type: { status: 415, run: 'fail', showMessage: true },
  corrupt: { status: 500, run: 'fail', showMessage: true },
  unavailable: { status: 503, run: 'retry', showMessage: true },
  internal: { status: 500, run: 'retry', showMessage: false },
};

/** The triggers a run starts from, besides HTTP (whose outcome is the status above). */
export type TriggerKind = 'storage-queue' | 'service-bus' | 'blob' | 'timer';

/**
 * How a run's message or trigger is settled: `complete` (done with; a failure is on the run),
 * `dead-letter` (Service Bus, at once, with the reason), or `retry` (thrown: redelivered, and past
 * the delivery budget moved to `{queue}-poison`, the dead-letter queue or the blob trigger's
 * poison queue; a timer runs again at its next occurrence).
 */
export type Settlement = 'complete' | 'dead-letter' | 'retry';

const SETTLEMENTS: Readonly<Record<TriggerKind, Readonly<Record<RunDisposition, Settlement>>>> = {
  'storage-queue': { fail: 'complete', retry: 'retry' },
  'service-bus': { fail: 'dead-letter', retry: 'retry' },
  blob: { fail: 'complete', retry: 'retry' },
  timer: { fail: 'complete', retry: 'retry' },
};

/** The category of any thrown value: a data error of the engine is invalid input, anything unknown internal. */
export function categoryOf(error: unknown): ErrorCategory {
  if (error instanceof AppError) return error.category;
  if (error instanceof DataError) return 'invalid';
  return 'internal';
}

/** How a run started by `trigger` settles on an error of `category`. */
export function settlementFor(trigger: TriggerKind, category: ErrorCategory): Settlement {
  return SETTLEMENTS[trigger][CATEGORY_OUTCOMES[category].run];
}

/** The HTTP status an error of `category` answers with. */
export function httpStatusFor(category: ErrorCategory): number {
  return CATEGORY_OUTCOMES[category].status;
}
