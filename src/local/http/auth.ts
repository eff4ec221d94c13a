import { timingSafeEqual } from 'node:crypto';
import { CLIENT_PRINCIPAL_HEADER, encodePrincipal } from '../../serving/auth/client-principal';
import { LOCAL_KEY_SETTINGS, ROLES, type Role } from '../../serving/auth/roles';
import type { AppSettings } from '../app-settings';

export type AuthLevel = 'anonymous' | 'function' | 'admin';

/** The app settings holding the local keys (generated into local.settings.json on first start). */
export const FUNCTION_KEY_SETTING = LOCAL_KEY_SETTINGS.predict;
export const ADMIN_KEY_SETTING = 'LOCAL_ADMIN_KEY';

/** Who a local key stands for: a role (a function key plus that role) or the host's admin. */
export type KeyHolder = Role | 'admin';

/** Every local key setting, by holder: what `npm start` generates and prints. */
export const LOCAL_KEYS: readonly { holder: KeyHolder; setting: string }[] = [
  ...ROLES.map((role) => ({ holder: role, setting: LOCAL_KEY_SETTINGS[role] })),
  { holder: 'admin', setting: ADMIN_KEY_SETTING },
];

export type AuthDecision =
  { ok: true; holder?: KeyHolder } | { ok: false; status: 401 | 403; code: string; message: string };

/** The key a request presents: the `x-functions-key` header, else the `code` query parameter. */
export function presentedKey(
  headers: Record<string, string | string[] | undefined>,
  query: URLSearchParams,
): string | undefined {
  const header = headers['x-functions-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return value || query.get('code') || undefined;
}

/** Whose key `key` is, or undefined when it is none of the configured local keys. */
export function keyHolder(key: string | undefined, settings: AppSettings): KeyHolder | undefined {
  return LOCAL_KEYS.find(({ setting }) => sameKey(key, settings[setting]))?.holder;
}

/**
 * Decides access as the host does for its auth levels: anonymous is open; `function` takes any
 * local key (each is a function key too, as the master key is in Azure); `admin` takes only the
 * admin key. The holder is returned so the caller can stand in for App Service Authentication.
 */
export function authorize(level: AuthLevel, key: string | undefined, settings: AppSettings): AuthDecision {
  const holder = keyHolder(key, settings);
  if (level === 'anonymous' || (level === 'function' && holder) || holder === 'admin') {
    return { ok: true, ...(holder && { holder }) };
  }
  if (level === 'admin' && holder) {
    return {
      ok: false,
      status: 403,
      code: 'forbidden',
      message: `This route needs the host admin key (${ADMIN_KEY_SETTING}); the ${holder} key is not enough.`,
    };
  }
  const wanted =
    level === 'admin'
      ? `the host admin key (${ADMIN_KEY_SETTING})`
      : `the "predict" role: a function key (${FUNCTION_KEY_SETTING}, or a higher role's key)`;
  const message =
    key === undefined
      ? `Missing key: this route needs ${wanted}, sent in the x-functions-key header or the code query parameter.`
      : `Invalid key: this route needs ${wanted}.`;
  return { ok: false, status: 401, code: 'unauthorized', message };
}

/**
 * The request headers as App Service Authentication passes them on: any client-sent
 * `x-ms-client-principal*` removed, and the key holder's principal added (the admin key holds
 * no app role, as the master key holds none in Azure).
 */
export function withPrincipal(
  headers: Record<string, string>,
  holder: KeyHolder | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!name.toLowerCase().startsWith(CLIENT_PRINCIPAL_HEADER)) out[name] = value;
  }
  if (holder) out[CLIENT_PRINCIPAL_HEADER] = encodePrincipal('local-key', holder === 'admin' ? [] : [holder]);
  return out;
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
