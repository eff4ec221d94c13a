import { AppError } from '../errors';
import { DataError } from '../ml/errors';

/** Why a step failed, as recorded on the run: a code and words a user can act on. */
export interface FailureReason {
  readonly code: string;
  readonly message: string;
}

/**
 * A failure retrying cannot fix (bad data, bad spec, bad model, malformed message): the run
 * fails at once. Everything else (a dependency down, a bug) is retried by the trigger.
 */
export function permanentFailure(err: unknown): FailureReason | undefined {
  if (err instanceof DataError) return { code: err.code, message: err.message };
  if (err instanceof AppError && (err.category === 'invalid' || err.category === 'too_large')) {
    return { code: err.code, message: err.message };
  }
  return undefined;
}
