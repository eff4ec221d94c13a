import { categoryOf, CATEGORY_OUTCOMES, httpStatusFor } from '../../error-outcomes';
import { AppError, type ErrorCategory } from '../../errors';
import { DataError } from '../../ml/errors';

/** The app's HTTP error body, per the contract: `{error: {code, message, details?}}`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** A response shape any HTTP adapter can send (the Functions `HttpResponseInit` accepts it). */
export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  jsonBody: ErrorBody;
}

/** Seconds a client should wait before retrying when a dependency is down. */
export const RETRY_AFTER_SECONDS = 10;

const INTERNAL: ErrorBody = {
  error: { code: 'internal', message: 'Internal error; the details are in the function log.' },
};

/**
 * Maps any thrown value to the status and body a client sees, with the status of its category
 * in the outcome table (src/error-outcomes.ts). Internal and unknown errors answer 500 without
 * their message, which may name hosts or keys; the caller logs them.
 */
export function httpErrorResponse(error: unknown): ErrorResponse {
  const category = categoryOf(error);
  const headers = errorHeaders(category);
  const status = httpStatusFor(category);
  if (!CATEGORY_OUTCOMES[category].showMessage) return { status, headers, jsonBody: INTERNAL };
  // A data problem the engine found in a request is the client's to fix.
  if (error instanceof DataError) {
    return { status, headers, jsonBody: body(error.code, error.message, { ...error.details }) };
  }
  if (error instanceof AppError)
    return { status, headers, jsonBody: body(error.code, error.message, error.details) };
  return { status, headers, jsonBody: INTERNAL };
}

/**
 * The headers of an answer of `category`: JSON, and Retry-After when a dependency is down (the
 * health route's 503 sends them too).
 */
export function errorHeaders(category: ErrorCategory): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (category === 'unavailable') headers['retry-after'] = String(RETRY_AFTER_SECONDS);
  return headers;
}

function body(code: string, message: string, details?: Record<string, unknown>): ErrorBody {
  const hasDetails = details !== undefined && Object.keys(details).length > 0;
  return { error: { code, message, ...(hasDetails && { details }) } };
}
