import { loadAppSettings } from '../local/app-settings';
import { LOCAL_KEYS, type KeyHolder } from '../local/http/auth';

/** Each key's option and environment variable, by holder. */
export const KEY_SOURCES: Readonly<Record<KeyHolder, { option: string; env: string }>> = {
  predict: { option: '--key', env: 'MLOPS_KEY' },
  feedback: { option: '--feedback-key', env: 'MLOPS_FEEDBACK_KEY' },
  operate: { option: '--operator-key', env: 'MLOPS_OPERATOR_KEY' },
  admin: { option: '--admin-key', env: 'MLOPS_ADMIN_KEY' },
};

/** Where the commands send their requests and with which keys. */
export interface Connection {
  /** Base URL of the Functions app without a trailing slash, e.g. http://localhost:7071. */
  url: string;
  /** The key for each holder that has one; a missing key sends none. */
  keys: Partial<Record<KeyHolder, string>>;
  /** An Entra ID access token for feedback and operate routes in Azure (Authorization: Bearer). */
  token?: string;
  /** The local runtime's keys (from local.settings.json), quoted when a local runtime refuses a key. */
  localKeys?: Partial<Record<KeyHolder, string>>;
}

export interface ConnectionOptions {
  url?: string;
  key?: string;
  feedbackKey?: string;
  operatorKey?: string;
  adminKey?: string;
  token?: string;
}

/**
 * Options first, then MLOPS_URL / MLOPS_KEY / MLOPS_FEEDBACK_KEY / MLOPS_OPERATOR_KEY /
 * MLOPS_ADMIN_KEY / MLOPS_TOKEN, then the local runtime as `npm start` runs it:
 * http://localhost:{LOCAL_HTTP_PORT or LocalHttpPort or 7071} with the LOCAL_*_KEY values of
 * local.settings.json.
 */
export function resolveConnection(
  options: ConnectionOptions,
  dir: string = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): Connection {
  const { settings, localHttpPort } = loadAppSettings(dir, env);
  // What the settings file itself holds: the keys a local runtime started from it uses.
  const inFile = loadAppSettings(dir, {}).settings;
  const port = settings.LOCAL_HTTP_PORT || String(localHttpPort ?? 7071);
  const url = (options.url ?? env.MLOPS_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const given: Record<KeyHolder, string | undefined> = {
    predict: options.key,
    feedback: options.feedbackKey,
    operate: options.operatorKey,
    admin: options.adminKey,
  };
  const keys: Partial<Record<KeyHolder, string>> = {};
  const localKeys: Partial<Record<KeyHolder, string>> = {};
  for (const { holder, setting } of LOCAL_KEYS) {
    const value = given[holder] ?? env[KEY_SOURCES[holder].env] ?? settings[setting];
    if (value) keys[holder] = value;
    if (inFile[setting]) localKeys[holder] = inFile[setting];
  }
  const token = options.token ?? env.MLOPS_TOKEN;
  const local = isLocal(url) && Object.keys(localKeys).length > 0;
  return { url, keys, ...(token && { token }), ...(local && { localKeys }) };
}

function isLocal(url: string): boolean {
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}
