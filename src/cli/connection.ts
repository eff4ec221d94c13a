import { loadAppSettings } from '../local/app-settings';

/** Where the commands send their requests and with which keys. */
export interface Connection {
  /** Base URL of the Functions app without a trailing slash, e.g. http://localhost:7071. */
  url: string;
  /** Function key; undefined sends none. */
  key?: string;
  /** Admin (host master) key, for promote and admin routes. */
  adminKey?: string;
}

export interface ConnectionOptions {
  url?: string;
  key?: string;
  adminKey?: string;
}

/**
 * Options first, then MLOPS_URL / MLOPS_KEY / MLOPS_ADMIN_KEY, then the local runtime as
 * `npm start` runs it: http://localhost:{LOCAL_HTTP_PORT or LocalHttpPort or 7071} with
 * LOCAL_FUNCTION_KEY and LOCAL_ADMIN_KEY of local.settings.json (else the sample's).
 */
export function resolveConnection(
  options: ConnectionOptions,
  dir: string = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): Connection {
  const { settings, localHttpPort } = loadAppSettings(dir, env);
  const port = settings.LOCAL_HTTP_PORT || String(localHttpPort ?? 7071);
  const url = options.url ?? env.MLOPS_URL ?? `http://localhost:${port}`;
  const key = options.key ?? env.MLOPS_KEY ?? settings.LOCAL_FUNCTION_KEY;
  const adminKey = options.adminKey ?? env.MLOPS_ADMIN_KEY ?? settings.LOCAL_ADMIN_KEY;
  return {
    url: url.replace(/\/+$/, ''),
    ...(key && { key }),
    ...(adminKey && { adminKey }),
  };
}
