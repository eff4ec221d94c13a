/**
 * The app's error categories. Each is mapped to an HTTP status, a run status or a retry/poison
 * decision in exactly one place (the HTTP error mapper, the run recorder, the queue handler).
 */
export type ErrorCategory =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unsupported_media_type'
  | 'unavailable'
  | 'internal';

export class AppError extends Error {
  constructor(
    readonly category: ErrorCategory,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

/** Fails at once naming the missing property, instead of a TypeError later on. */
export function nonNullProp<T, K extends keyof T>(obj: T, key: K): NonNullable<T[K]> {
  const value = obj[key];
  if (value === undefined || value === null) {
    throw new AppError('internal', 'missing_property', `Internal error: missing property "${String(key)}"`);
  }
  return value as NonNullable<T[K]>;
}
