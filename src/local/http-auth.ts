import { timingSafeEqual } from 'node:crypto';
import type { AppSettings } from './app-settings';

export type AuthLevel = 'anonymous' | 'function' | 'admin';

/** The app settings holding the local keys (development values ship in local.settings.sample.json). */
export const FUNCTION_KEY_SETTING = 'LOCAL_FUNCTION_KEY';
export const ADMIN_KEY_SETTING = 'LOCAL_ADMIN_KEY';

export type AuthDecision = { ok: true } | { ok: false; status: 401 | 403; code: string; message: string };

/** The key a request presents: the `x-functions-key` header, else the `code` query parameter. */
export function presentedKey(
  headers: Record<string, string | string[] | undefined>,
  query: URLSearchParams,
): string | undefined {
  const header = headers['x-functions-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return value || query.get('code') || undefined;
}

/**
 * Decides access as the host does: anonymous is open; `function` takes the function or the
 * admin key; `admin` takes only the admin key (a function key there is 403, anything else 401).
 */
export function authorize(level: AuthLevel, key: string | undefined, settings: AppSettings): AuthDecision {
  if (level === 'anonymous') return { ok: true };
  const functionKey = settings[FUNCTION_KEY_SETTING];
  const adminKey = settings[ADMIN_KEY_SETTING];
  const isAdmin = sameKey(key, adminKey);
  const isFunction = sameKey(key, functionKey);
  if (isAdmin || (level === 'function' && isFunction)) return { ok: true };
  if (level === 'admin' && isFunction) {
    return {
      ok: false,
      status: 403,
      code: 'forbidden',
      message: 'This route needs the admin key; a function key is not enough.',
    };
  }
  const wanted = level === 'admin' ? ADMIN_KEY_SETTING : `${FUNCTION_KEY_SETTING} or ${ADMIN_KEY_SETTING}`;
  const message =
    key === undefined
      ? `Missing key: send it in the x-functions-key header or the code query parameter (local value: ${wanted}).`
      : `Invalid key (local value: ${wanted}).`;
  return { ok: false, status: 401, code: 'unauthorized', message };
}

/** Normalises a trigger's authLevel option (host default for HTTP: function). */
export function authLevelOf(value: unknown): AuthLevel {
  const level = typeof value === 'string' ? value.toLowerCase() : 'function';
  return level === 'anonymous' || level === 'admin' ? level : 'function';
}

function sameKey(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
