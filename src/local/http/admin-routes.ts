import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppSettings } from '../app-settings';
import { authorize, presentedKey } from './auth';
import { readBody, sendError, sendJson } from './convert';
import type { AdminHandler } from './server';
import type { RegisteredFunction, Registrations } from '../registrations';

/** Largest admin request body accepted. */
const MAX_ADMIN_BODY = 1024 * 1024;

export interface AdminRoutesOptions {
  registrations: Registrations;
  settings: AppSettings;
  /** Where HTTP functions are served, for the listing's invoke URL. */
  baseUrl: () => string;
  routePrefix: string;
  /** Starts `fn` on demand; false when its trigger type cannot be run this way. */
  runOnDemand: (fn: RegisteredFunction, input: string) => boolean;
}

/**
 * The host's admin API subset, admin key only: `GET /admin/functions` lists functions,
 * `POST /admin/functions/{name}` with `{"input": "..."}` runs a non-HTTP function (202),
 * `GET /admin/host/status` says the host is running.
 */
export function createAdminRoutes(options: AdminRoutesOptions): AdminHandler {
  return async (req, res, url) => {
    const path = url.pathname.replace(/\/+$/, '');
    if (!/^\/admin(\/|$)/i.test(path)) return false;
    const decision = authorize('admin', presentedKey(req.headers, url.searchParams), options.settings);
    if (!decision.ok) {
      sendError(res, decision.status, decision.code, decision.message);
      return true;
    }
    const method = req.method ?? 'GET';
    const fnMatch = /^\/admin\/functions\/([^/]+)$/i.exec(path);
    if (/^\/admin\/host\/status$/i.test(path) && method === 'GET') {
      sendJson(res, 200, { state: 'Running', version: '4.0.0-local' });
    } else if (/^\/admin\/functions$/i.test(path) && method === 'GET') {
      sendJson(
        res,
        200,
        options.registrations.list().map((fn) => describe(fn, options)),
      );
    } else if (fnMatch && method === 'GET') {
      const fn = options.registrations.get(decodeURIComponent(fnMatch[1]!));
      if (fn) sendJson(res, 200, describe(fn, options));
      else sendError(res, 404, 'not_found', `No function named "${decodeURIComponent(fnMatch[1]!)}".`);
    } else if (fnMatch && method === 'POST') {
      await invoke(req, res, decodeURIComponent(fnMatch[1]!), options);
    } else {
      sendError(res, 404, 'not_found', `No admin route ${method} ${url.pathname}.`);
    }
    return true;
  };
}

async function invoke(
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
  options: AdminRoutesOptions,
): Promise<void> {
  const fn = options.registrations.get(name);
  if (!fn) {
    sendError(res, 404, 'not_found', `No function named "${name}".`);
    return;
  }
  const body = await readBody(req, MAX_ADMIN_BODY);
  if (body === 'too_large') {
    sendError(res, 413, 'too_large', `The admin request body exceeds ${MAX_ADMIN_BODY} bytes.`);
    return;
  }
  let input = '';
  if (body.length > 0) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      sendError(res, 400, 'invalid', 'The body must be JSON like {"input": "..."}.');
      return;
    }
    const value = (parsed as { input?: unknown } | null)?.input;
    if (value !== undefined && value !== null)
      input = typeof value === 'string' ? value : JSON.stringify(value);
  }
  if (fn.trigger.type === 'httpTrigger') {
    sendError(res, 400, 'invalid', `"${fn.metadata.name}" is an HTTP function: call its route instead.`);
  } else if (!options.runOnDemand(fn, input)) {
    sendError(res, 400, 'invalid', `Functions with a ${fn.trigger.type} cannot be run on demand locally.`);
  } else {
    res.writeHead(202).end();
  }
}

function describe(fn: RegisteredFunction, options: AdminRoutesOptions): Record<string, unknown> {
  const { trigger } = fn;
  const route = typeof trigger.route === 'string' && trigger.route !== '' ? trigger.route : fn.metadata.name;
  const prefix = options.routePrefix === '' ? '' : `/${options.routePrefix}`;
  return {
    name: fn.metadata.name,
    triggerType: trigger.type,
    ...(trigger.type === 'httpTrigger'
      ? {
          invokeUrlTemplate: `${options.baseUrl()}${prefix}/${route}`,
          methods: trigger.methods,
          authLevel: trigger.authLevel,
        }
      : {}),
    bindings: Object.entries(fn.metadata.bindings).map(([name, binding]) => ({ ...binding, name })),
  };
}
