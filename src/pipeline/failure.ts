import { categoryOf, CATEGORY_OUTCOMES } from '../error-outcomes';
import { AppError } from '../errors';
import { DataError } from '../ml/errors';

/** Why a step failed, as recorded on the run: a code and words a user can act on. */
export interface FailureReason {
  readonly code: string;
  readonly message: string;
}

/**
 * The reason of a failure retrying cannot fix (bad data, spec or model, a malformed message, a
 * missing version: what the outcome table fails at once); undefined for what a retry may fix.
 */
export function permanentFailure(err: unknown): FailureReason | undefined {
  if (CATEGORY_OUTCOMES[categoryOf(err)].run !== 'fail') return undefined;
  if (err instanceof DataError || err instanceof AppError) return { code: err.code, message: err.message };
  return undefined;
}
