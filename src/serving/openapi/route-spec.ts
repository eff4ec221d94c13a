import type { z } from 'zod';
import type { Role } from '../auth/roles';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
export type AuthLevel = 'anonymous' | 'function' | 'admin';
/** Who may call a route: anyone, or a caller holding the role (or a higher one). */
export type Access = 'public' | Role;

/** A documented answer: JSON by default; `binary` for a file. */
export interface RouteResponse {
  readonly description: string;
  readonly schema?: z.ZodType;
  readonly binary?: boolean;
  readonly headers?: Record<string, string>;
}

/** One HTTP function as registered (method, route without /api, auth) and as documented. */
export interface RouteSpec {
  readonly name: string;
  readonly method: HttpMethod;
  readonly route: string;
  readonly access: Access;
  readonly summary: string;
  readonly query?: z.ZodObject;
  readonly headers?: Record<string, string>;
  readonly body?: z.ZodType;
  /** Success answers by status; error statuses are listed in `errors`. */
  readonly responses: Record<number, RouteResponse>;
  readonly errors: readonly number[];
}

/**
 * The host's key check for a route. Predict routes take a function key (the host checks it;
 * a function key is the predict credential). Feedback and operate routes are anonymous to the
 * host: the app checks the role App Service Authentication vouches for, so a function key alone
 * never reaches them, and a caller with a token needs no shared key besides.
 */
export function authLevelFor(access: Access): AuthLevel {
  return access === 'predict' ? 'function' : 'anonymous';
}
