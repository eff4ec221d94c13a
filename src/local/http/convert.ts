import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RpcHttpCookie, RpcHttpData } from '../functions-core-types';
import { typedDataBytes } from '../typed-data';

/** Converts a Node request (body already read) into the host's HTTP trigger data. */
export function toRpcHttpRequest(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  params: Record<string, string>,
): RpcHttpData {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  return { method: req.method ?? 'GET', url: url.toString(), headers, query, params, body: { bytes: body } };
}

/** Writes the host's HTTP response data; `undefined` (no return value) is 204 as in the host. */
export function writeRpcHttpResponse(res: ServerResponse, data: RpcHttpData | undefined): void {
  if (!data) {
    res.writeHead(204).end();
    return;
  }
  const status = Number(data.statusCode ?? 200) || 200;
  for (const [name, value] of Object.entries(data.headers ?? {})) res.setHeader(name, value);
  const cookies = (data.cookies ?? []).map(formatCookie);
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  const body = typedDataBytes(data.body);
  res.statusCode = status;
  if (body.length === 0 || status === 204 || status === 304) res.end();
  // Node sends a latin1 string body in one write with the headers (a Buffer costs a second
  // chunk and a writev); latin1 keeps the bytes exact. Large bodies stay Buffers (no copy).
  else if (body.length <= SINGLE_WRITE_BYTES) res.end(body.toString('latin1'), 'latin1');
  else res.end(body);
}

/** Bodies up to this size are sent in the same write as the headers. */
const SINGLE_WRITE_BYTES = 64 * 1024;

/** Sends `{error: {code, message}}` with `status`, the app's error shape. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error: { code, message } }, headers);
}

/** Sends a JSON body. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

/** Reads the whole body, refusing more than `limit` bytes (the host's limit is 100 MB). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve('too_large');
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function formatCookie(cookie: RpcHttpCookie): string {
  const parts = [`${cookie.name ?? ''}=${encodeURIComponent(cookie.value ?? '')}`];
  if (cookie.domain?.value) parts.push(`Domain=${cookie.domain.value}`);
  if (cookie.path?.value) parts.push(`Path=${cookie.path.value}`);
  if (cookie.expires?.value?.seconds) {
    parts.push(`Expires=${new Date(cookie.expires.value.seconds * 1000).toUTCString()}`);
  }
  if (typeof cookie.maxAge?.value === 'number') parts.push(`Max-Age=${cookie.maxAge.value}`);
  if (cookie.secure?.value) parts.push('Secure');
  if (cookie.httpOnly?.value) parts.push('HttpOnly');
  const sameSite = { lax: 'Lax', strict: 'Strict', explicitNone: 'None' }[cookie.sameSite ?? ''];
  if (sameSite) parts.push(`SameSite=${sameSite}`);
  return parts.join('; ');
}
