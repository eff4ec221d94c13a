// The dashboard's only way to data: the app's public HTTP API, with the key the user entered.
// Errors become ApiError with a kind and a sentence a user can act on.

const KEY = 'mlops.functionKey';
const OPERATOR_KEY = 'mlops.operatorKey';

/** The API root: the dashboard is served at {prefix}/dashboard/, the API at {prefix}/. */
export const apiBase = new URL('../', window.location.href);

export const keys = {
  get: () => sessionStorage.getItem(KEY) ?? '',
  set: (value) => sessionStorage.setItem(KEY, value),
  getOperator: () => sessionStorage.getItem(OPERATOR_KEY) ?? '',
  setOperator: (value) => sessionStorage.setItem(OPERATOR_KEY, value),
  clear: () => {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(OPERATOR_KEY);
  },
};

/** A failed API call: `kind` is what the page reacts to, `message` what the user reads. */
export class ApiError extends Error {
  constructor(kind, message, status, details) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.details = details;
  }
}

/**
 * Calls `path` (relative to the API root, e.g. `models/taxi`) and returns its JSON.
 * `operate: true` sends the operator key (asked for when a route answers 403): the key of the
 * role the action needs, so the function key entered for reading never promotes.
 */
export async function api(path, { method = 'GET', body, operate = false, headers = {} } = {}) {
  const url = new URL(path, apiBase);
  const key = operate ? keys.getOperator() || keys.get() : keys.get();
  let response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        ...(key && { 'x-functions-key': key }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(
      'network',
      `Cannot reach the API at ${apiBase.origin}: the network is down or the app is not running.`,
      0,
    );
  }
  const text = await response.text();
  let json;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (response.ok) return { body: json, etag: response.headers.get('etag') };
  throw errorOf(response, json, path);
}

function errorOf(response, json, path) {
  const status = response.status;
  // Azure answers a refused key with an empty body; the local runtime with a JSON one.
  const said = json?.error?.message;
  const details = json?.error?.details;
  if (status === 401)
    return new ApiError(
      'bad_key',
      'The API refused the key: it is missing, wrong or has expired. Enter a valid function key.',
      status,
    );
  if (status === 403)
    return new ApiError(
      'forbidden',
      said ?? 'This action needs a role the key you entered does not have.',
      status,
    );
  if (status === 404)
    return new ApiError(
      'not_found',
      said ?? `Not found: ${path} (the model or version may be gone).`,
      status,
    );
  if (status === 503) {
    const wait = response.headers.get('retry-after');
    return new ApiError(
      'unavailable',
      `The service is temporarily unavailable${said ? `: ${said}` : ''}.${wait ? ` Retry in ${wait} s.` : ''}`,
      status,
    );
  }
  if (status >= 500)
    return new ApiError('server', `The API failed (HTTP ${status})${said ? `: ${said}` : ''}.`, status);
  return new ApiError(
    status === 409 ? 'conflict' : 'invalid',
    said ?? `The API refused the request (HTTP ${status}).`,
    status,
    details,
  );
}
