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

const STATUS: Record<ErrorCategory, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  unavailable: 503,
  internal: 500,
};

const INTERNAL: ErrorBody = {
  error: { code: 'internal', message: 'Internal error; the details are in the function log.' },
};

/**
 * Maps any thrown value to the status and body a client sees: the one place AppError categories
 * become HTTP statuses. Internal and unknown errors answer 500 without their message, which may
 * name hosts or keys; the caller logs them.
 */
export function httpErrorResponse(error: unknown): ErrorResponse {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  // A data problem the engine found in a request is the client's to fix.
  if (error instanceof DataError) {
    return { status: 400, headers, jsonBody: body(error.code, error.message, { ...error.details }) };
  }
  if (!(error instanceof AppError) || error.category === 'internal') {
    return { status: 500, headers, jsonBody: INTERNAL };
  }
  if (error.category === 'unavailable') headers['retry-after'] = String(RETRY_AFTER_SECONDS);
  return {
    status: STATUS[error.category],
    headers,
    jsonBody: body(error.code, error.message, error.details),
  };
}

function body(code: string, message: string, details?: Record<string, unknown>): ErrorBody {
  const hasDetails = details !== undefined && Object.keys(details).length > 0;
  return { error: { code, message, ...(hasDetails && { details }) } };
}
