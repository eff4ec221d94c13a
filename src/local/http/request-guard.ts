import type { IncomingMessage } from 'node:http';

/** Methods that change something: the ones a cross-site page must not be able to send. */
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPE = /^application\/([a-z.+-]*\+)?json\s*(;|$)/i;

export interface Refusal {
  status: 403 | 415;
  code: string;
  message: string;
}

/**
 * Refuses a mutating request a web page on another site could have sent: a Host other than this
 * machine's name for the runtime (DNS rebinding), an Origin other than the runtime itself, or a
 * body that is not JSON (what forms and simple cross-site requests send without a preflight).
 * Undefined lets it through.
 */
export function refuseForeignMutation(req: IncomingMessage, port: number): Refusal | undefined {
  if (!MUTATING.has((req.method ?? 'GET').toUpperCase())) return undefined;
  const own = ownHosts(port);
  const host = (req.headers.host ?? '').toLowerCase();
  if (!own.has(host)) {
    return {
      status: 403,
      code: 'forbidden',
      message: `Host "${host}" is not this runtime: send requests to http://127.0.0.1:${port} or http://localhost:${port}.`,
    };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !(origin.startsWith('http://') && own.has(origin.slice(7).toLowerCase()))) {
    return {
      status: 403,
      code: 'forbidden',
      message: `Origin "${origin}" is not this runtime: a page on another site cannot change it.`,
    };
  }
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  const type = req.headers['content-type'];
  if (hasBody && (type === undefined || !JSON_TYPE.test(type.trim()))) {
    return {
      status: 415,
      code: 'unsupported_media_type',
      message: `${type === undefined ? 'No content type' : `Content type "${type}"`} is not JSON: send application/json (curl: -H 'content-type: application/json').`,
    };
  }
  return undefined;
}

function ownHosts(port: number): Set<string> {
  return new Set(['127.0.0.1', 'localhost', '[::1]'].map((name) => `${name}:${port}`));
}
