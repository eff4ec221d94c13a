import { AppError } from '../errors';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'REQUEST_SEND_ERROR',
  'ABORT_ERR',
]);
const UNAVAILABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** What failed, for the message: e.g. { service: 'Blob storage', what: 'blob datasets/a.csv' }. */
export interface ErrorContext {
  service: string;
  what: string;
}

/**
 * Turns an Azure SDK error (Storage RestError or Cosmos ErrorResponse) into the app's AppError,
 * so nothing above the adapters sees SDK exceptions. AppErrors pass through unchanged.
 */
export function toAppError(err: unknown, ctx: ErrorContext): AppError {
  if (err instanceof AppError) return err;
  const { status, code } = describe(err);
  const cause = { cause: err };
  if (status === 404)
    return new AppError('not_found', 'not_found', `${ctx.what} does not exist`, undefined, cause);
  if (status === 412) {
    return new AppError(
      'conflict',
      'etag_mismatch',
      `${ctx.what} was changed by someone else (ETag mismatch)`,
      undefined,
      cause,
    );
  }
  if (status === 409)
    return new AppError('conflict', 'already_exists', `${ctx.what} already exists`, undefined, cause);
  if (status === 400)
    return new AppError('invalid', 'bad_request', `${ctx.what}: ${messageOf(err)}`, undefined, cause);
  if ((status !== undefined && UNAVAILABLE_STATUSES.has(status)) || isNetworkError(err, code)) {
    return new AppError(
      'unavailable',
      'dependency_unavailable',
      `${ctx.service} is unavailable (${code ?? status ?? 'no answer'}) while accessing ${ctx.what}`,
      { service: ctx.service },
      cause,
    );
  }
  return new AppError(
    'internal',
    'dependency_error',
    `${ctx.service} failed on ${ctx.what}: ${messageOf(err)}`,
    undefined,
    cause,
  );
}

/** Runs op and converts any error it throws with toAppError. */
export async function mapErrors<T>(ctx: ErrorContext, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw toAppError(err, ctx);
  }
}

/** True for the status code the SDK error carries (statusCode for Storage, code for Cosmos). */
export function hasStatus(err: unknown, status: number): boolean {
  return describe(err).status === status;
}

function describe(err: unknown): { status?: number; code?: string } {
  if (typeof err !== 'object' || err === null) return {};
  const e = err as { statusCode?: unknown; code?: unknown };
  const status =
    typeof e.statusCode === 'number' ? e.statusCode : typeof e.code === 'number' ? e.code : undefined;
  const code = typeof e.code === 'string' ? e.code : undefined;
  return { status, code };
}

function isNetworkError(err: unknown, code: string | undefined): boolean {
  if (code !== undefined && NETWORK_CODES.has(code)) return true;
  const name = err instanceof Error ? err.name : '';
  if (name === 'AbortError' || name === 'TimeoutError') return true;
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' && NETWORK_CODES.has(cause.code);
}

function messageOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  // Storage error messages carry a RequestId/Time trailer that helps no one reading a log line.
  return text.split('\n')[0] ?? text;
}
