/**
 * The app's error categories. What each means to an HTTP client (status) and to a triggered run
 * (fail for good or retry) is decided in one table, src/error-outcomes.ts.
 */
export type ErrorCategory =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unsupported_media_type'
  /** Stored data that fails its own check (an artifact whose sha256 is not the recorded one). */
  | 'corrupt'
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
