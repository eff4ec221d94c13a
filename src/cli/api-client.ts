import { LOCAL_KEYS, type KeyHolder } from '../local/http/auth';
import { KEY_SOURCES, type Connection } from './connection';

/** An API answer that is not a success, as one line a user can act on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** A 404 from the host itself (no such route in this deployment), not from the app. */
  get routeMissing(): boolean {
    return this.status === 404 && (this.code === 'no_route' || /^No function answers /.test(this.message));
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  /** Whose key to send (default predict, the function key); feedback and operate add the token. */
  as?: KeyHolder;
}

/**
 * The thin HTTP client every command shares: the key in `x-functions-key`, JSON in and out,
 * and every failure (network, key, the app's `{error:{code,message}}`) turned into one line.
 */
export class ApiClient {
  constructor(readonly connection: Connection) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>(path);
  }

  post<T>(path: string, body: unknown, options: { as?: KeyHolder } = {}): Promise<T> {
    return this.request<T>(path, { method: 'POST', body, ...options });
  }

  delete<T>(path: string, body: unknown, options: { as?: KeyHolder } = {}): Promise<T> {
    return this.request<T>(path, { method: 'DELETE', body, ...options });
  }

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const { url } = this.connection;
    const holder = options.as ?? 'predict';
    const key = this.connection.keys[holder];
    const method = options.method ?? 'GET';
    const headers: Record<string, string> = key ? { 'x-functions-key': key } : {};
    const { token } = this.connection;
    if (token && (holder === 'feedback' || holder === 'operate')) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${url}${path}`, {
        method,
        headers,
        ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new ApiError(
        0,
        'unreachable',
        `cannot reach ${url} (${cause?.code ?? cause?.message ?? String(error)}); ` +
          'start the local runtime with `mlops start`, or pass --url (MLOPS_URL)',
      );
    }
    const text = await res.text();
    const body = parseJson(text);
    if (res.ok) return body as T;
    const error = (body as ErrorBody | undefined)?.error;
    if (res.status === 401 || res.status === 403) {
      throw new ApiError(res.status, error?.code ?? 'unauthorized', this.#refusal(holder, res.status, error));
    }
    if (!error) {
      // Azure answers an unknown route with an empty 404: the deployment lacks this route.
      const code = res.status === 404 ? 'no_route' : 'http_error';
      throw new ApiError(
        res.status,
        code,
        `${method} ${path} answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`,
      );
    }
    throw new ApiError(
      res.status,
      error.code ?? 'error',
      `${error.message ?? 'no message'} (${res.status} ${error.code ?? 'error'})`,
    );
  }

  /** Says which key was refused and how to send the right one (locally: its value). */
  #refusal(holder: KeyHolder, status: number, error: { message?: string } | undefined): string {
    const { url, localKeys } = this.connection;
    const reason = error?.message ? `: ${error.message.replace(/\.$/, '')}` : '';
    const { option, env } = KEY_SOURCES[holder];
    const local = localKeys?.[holder];
    const setting = LOCAL_KEYS.find((k) => k.holder === holder)!.setting;
    const hint = local
      ? `; the local runtime's ${setting} in local.settings.json is ${local} (pass it with ${option})`
      : `; check ${option} (${env})${holder === 'feedback' || holder === 'operate' ? ' or --token (MLOPS_TOKEN) in Azure' : ''}`;
    return `${url} refused the ${holder} key (${status})${reason}${hint}`;
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `/api/models/{model}` plus a rest, the model name escaped. */
export function modelPath(model: string, rest = ''): string {
  return `/api/models/${encodeURIComponent(model)}${rest}`;
}
