import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppSettings } from '../app-settings';
import { authorize, presentedKey, withPrincipal } from './auth';
import { readBody, sendError, toRpcHttpRequest, writeRpcHttpResponse } from './convert';
import type { HttpRoute } from './routes';
import { RouteCache } from './route-cache';
import type { RpcHttpData } from '../functions-core-types';
import type { Invoker } from '../invoker';
import { refuseForeignMutation } from './request-guard';
import { httpPortInUse } from '../runtime-errors';

/** The host's default request body limit (100 MB). */
const MAX_BODY_BYTES = 100 * 1024 * 1024;

/** Handles `/admin/...` requests; returns false when the path is not an admin route. */
export type AdminHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export interface HttpServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1: the local runtime is for this machine only. */
  hostname?: string;
  routePrefix: string;
  routes: HttpRoute[];
  settings: AppSettings;
  invoker: Invoker;
  admin: AdminHandler;
  /** Where `GET /` redirects when set (the app's dashboard); otherwise `/` is routed as any path. */
  homePath?: string;
}

/** Serves the app's HTTP triggers and the admin routes, like the host's web front end. */
export class LocalHttpServer {
  #server: Server | undefined;
  #stopping = false;
  #port = 0;
  readonly #routes: RouteCache;

  constructor(private readonly options: HttpServerOptions) {
    this.#routes = new RouteCache(options.routes);
  }

  /** Starts listening; rejects with a clear error when the port is taken. Returns the port. */
  async start(): Promise<number> {
    const server = createServer((req, res) => {
      // Once stopping, close each keep-alive connection as its last response ends.
      res.once('finish', () => {
        if (this.#stopping) setImmediate(() => server.closeIdleConnections());
      });
      this.#handle(req, res).catch((err: unknown) => {
        if (!res.headersSent)
          sendError(res, 500, 'internal', `Local runtime error: ${(err as Error).message}`);
        else res.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(err.code === 'EADDRINUSE' ? httpPortInUse(this.options.port, err) : err),
      );
      server.listen(this.options.port, this.options.hostname ?? '127.0.0.1', () => resolve());
    });
    this.#server = server;
    this.#port = (server.address() as AddressInfo).port;
    return this.#port;
  }

  /** Stops accepting requests and waits for open ones to be answered. */
  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#stopping = true;
    this.#server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.#stopping) {
      res.setHeader('connection', 'close');
      sendError(res, 503, 'unavailable', 'The local runtime is shutting down.', { 'retry-after': '5' });
      return;
    }
    const refusal = refuseForeignMutation(req, this.#port);
    if (refusal) {
      sendError(res, refusal.status, refusal.code, refusal.message);
      return;
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    if (await this.options.admin(req, res, url)) return;
    if (url.pathname === '/' && req.method === 'GET' && this.options.homePath) {
      res.writeHead(302, { location: this.options.homePath }).end();
      return;
    }

    const path = stripPrefix(url.pathname, this.options.routePrefix);
    const lookup =
      path === undefined ? { kind: 'not_found' as const } : this.#routes.find(req.method ?? 'GET', path);
    if (lookup.kind === 'not_found') {
      sendError(res, 404, 'not_found', `No function answers ${req.method} ${url.pathname}.`);
      return;
    }
    if (lookup.kind === 'method_not_allowed') {
      sendError(res, 405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}.`, {
        allow: lookup.allowed.join(', '),
      });
      return;
    }
    const { route, params } = lookup;
    const decision = authorize(
      route.authLevel,
      presentedKey(req.headers, url.searchParams),
      this.options.settings,
    );
    if (!decision.ok) {
      sendError(res, decision.status, decision.code, decision.message);
      return;
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === 'too_large') {
      sendError(res, 413, 'too_large', `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
      return;
    }
    const http = toRpcHttpRequest(req, url, body, params);
    http.headers = withPrincipal(http.headers ?? {}, decision.holder);
    const result = await this.options.invoker.invoke(route.fn, {
      inputData: [{ name: route.fn.trigger.name, data: { http } }],
      triggerMetadata: {},
    });
    if (!result.ok) {
      sendError(
        res,
        500,
        'internal',
        `Function "${route.fn.metadata.name}" failed (invocation ${result.invocationId}).`,
      );
      return;
    }
    writeRpcHttpResponse(res, httpOutput(route, result.response));
  }
}

/** The path after `/{prefix}`, or undefined when the path is outside the prefix. */
function stripPrefix(pathname: string, prefix: string): string | undefined {
  if (prefix === '') return pathname;
  const head = `/${prefix}`.toLowerCase();
  const lower = pathname.toLowerCase();
  if (lower === head) return '/';
  return lower.startsWith(`${head}/`) ? pathname.slice(head.length) : undefined;
}

/** The response from the function's `http` output binding (usually `$return`). */
function httpOutput(
  route: HttpRoute,
  response: {
    returnValue?: { http?: RpcHttpData | null } | null;
    outputData?: { name: string; data: { http?: RpcHttpData | null } | null | undefined }[] | null;
  },
): RpcHttpData | undefined {
  for (const [name, binding] of Object.entries(route.fn.metadata.bindings)) {
    if (binding.direction !== 'out' || binding.type !== 'http') continue;
    const data =
      name === '$return' ? response.returnValue : response.outputData?.find((o) => o.name === name)?.data;
    if (data?.http) return data.http;
  }
  return undefined;
}
