import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostConfigFrom } from '../../src/local/host-config';
import { LocalRuntime } from '../../src/local/runtime';
import { FIXTURES, memoryLogger } from '../support/runtime';

const KEYS = {
  LOCAL_FUNCTION_KEY: 'fn-key',
  LOCAL_FEEDBACK_KEY: 'feedback-key',
  LOCAL_OPERATOR_KEY: 'operator-key',
  LOCAL_ADMIN_KEY: 'admin-key',
};
const logger = memoryLogger();
let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await LocalRuntime.start({
    entry: path.join(FIXTURES, 'http-app.cjs'),
    settings: KEYS,
    host: hostConfigFrom({ extensions: { http: { routePrefix: 'api' } } }),
    port: 0,
    logger,
  });
});
afterAll(() => runtime?.stop());

async function call(
  route: string,
  init: { method?: string; key?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = {
    ...(init.body !== undefined && { 'content-type': 'application/json' }),
    ...init.headers,
  };
  if (init.key) headers['x-functions-key'] = init.key;
  const res = await fetch(`${runtime.url}${route}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined, headers: res.headers };
}

describe('local runtime HTTP', () => {
  it('serves route parameters, query, headers and body through the real HttpRequest', async () => {
    const res = await call('/api/models/taxi/versions/3?x=1&y=two', {
      method: 'POST',
      key: 'fn-key',
      body: '{"rows":[]}',
      headers: { 'x-custom': 'yes' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      method: 'POST',
      params: { model: 'taxi', version: '3' },
      query: { x: '1', y: 'two' },
      header: 'yes',
      body: '{"rows":[]}',
      functionName: 'versions',
    });
    expect(res.headers.get('x-invocation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['optional parameter absent', '/api/models/taxi/versions', { model: 'taxi' }],
    [
      'route prefix and literals are case-insensitive',
      '/API/Models/taxi/Versions/7',
      { model: 'taxi', version: '7' },
    ],
  ])('%s', async (_name, route, params) => {
    const res = await call(route, { key: 'fn-key' });
    expect(res.status).toBe(200);
    expect((res.body as { params: unknown }).params).toEqual(params);
  });

  it('prefers a literal segment over a parameter', async () => {
    const res = await call('/api/models/taxi/versions/latest', { key: 'fn-key' });
    expect(res.body).toEqual({ literal: true, model: 'taxi' });
  });

  it('accepts the key as the code query parameter', async () => {
    expect((await call('/api/models/taxi/versions?code=fn-key')).status).toBe(200);
  });

  it.each([
    ['anonymous route without key', '/api/open', 'GET', undefined, 200, undefined],
    ['function route without key', '/api/models/m/versions', 'GET', undefined, 401, 'unauthorized'],
    ['function route with a wrong key', '/api/models/m/versions', 'GET', 'nope', 401, 'unauthorized'],
    ['function route with the admin key', '/api/models/m/versions', 'GET', 'admin-key', 200, undefined],
    ['admin route without key', '/api/models/m/aliases/production', 'POST', undefined, 401, 'unauthorized'],
    [
      'admin route with a function key',
      '/api/models/m/aliases/production',
      'POST',
      'fn-key',
      403,
      'forbidden',
    ],
    [
      'admin route with the admin key',
      '/api/models/m/aliases/production',
      'POST',
      'admin-key',
      201,
      undefined,
    ],
    [
      'constraint {version:int} refuses text',
      '/api/models/m/versions/abc',
      'GET',
      'fn-key',
      404,
      'not_found',
    ],
    ['unknown route', '/api/nothing/here', 'GET', 'fn-key', 404, 'not_found'],
    ['outside the route prefix', '/open', 'GET', undefined, 404, 'not_found'],
    // The redirect of / to the dashboard exists only for an app that serves one.
    ['the root of an app without a dashboard', '/', 'GET', undefined, 404, 'not_found'],
    ['method not allowed', '/api/open', 'DELETE', undefined, 405, 'method_not_allowed'],
  ])('%s → %i', async (_name, route, method, key, status, code) => {
    const res = await call(route, { method, key });
    expect(res.status).toBe(status);
    if (code) expect((res.body as { error: { code: string } }).error.code).toBe(code);
  });

  it('says how to send a missing key', async () => {
    const res = await call('/api/models/m/versions');
    expect(res.body).toEqual({
      error: {
        code: 'unauthorized',
        message:
          'Missing key: this route needs the "predict" role: a function key (LOCAL_FUNCTION_KEY, or a higher role\'s key), sent in the x-functions-key header or the code query parameter.',
      },
    });
  });

  it.each([
    ['no key', undefined, undefined],
    ['the predict key', 'fn-key', { auth_typ: 'local-key', roles: ['predict'] }],
    ['the operator key', 'operator-key', { auth_typ: 'local-key', roles: ['operate'] }],
    [
      'the admin key (no app role, as the master key in Azure)',
      'admin-key',
      { auth_typ: 'local-key', roles: [] },
    ],
  ])(
    'stands in for App Service Authentication: a forged principal is dropped, %s gives %j',
    async (_name, key, principal) => {
      const forged = Buffer.from(JSON.stringify({ claims: [{ typ: 'roles', val: 'operate' }] })).toString(
        'base64',
      );
      const res = await call('/api/open', {
        ...(key && { key }),
        headers: { 'x-ms-client-principal': forged, 'x-ms-client-principal-id': 'someone' },
      });
      expect(res.status).toBe(200);
      expect((res.body as { principal?: unknown }).principal).toEqual(principal);
      expect((res.body as { principalId?: unknown }).principalId).toBeNull();
    },
  );

  describe('refuses mutating requests another site could send', () => {
    /** A raw request, so Host and Origin are exactly what the test says. */
    function raw(
      method: string,
      headers: Record<string, string>,
      body = '',
    ): Promise<{ status: number; body: string }> {
      return new Promise((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: runtime.port,
            method,
            path: '/api/models/m/aliases/production',
            headers,
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    }
    const own = (): string => `127.0.0.1:${runtime.port}`;
    const json = { 'content-type': 'application/json', 'x-functions-key': 'admin-key' };

    it.each([
      [
        'a foreign Host (DNS rebinding)',
        () => ({ ...json, host: `evil.example:${runtime.port}` }),
        '{}',
        403,
        /^Host "evil\.example:\d+" is not this runtime/,
      ],
      [
        'a foreign Origin',
        () => ({ ...json, host: own(), origin: 'https://evil.example' }),
        '{}',
        403,
        /^Origin "https:\/\/evil\.example" is not this runtime/,
      ],
      [
        'a form body (curl -d)',
        () => ({ ...json, host: own(), 'content-type': 'application/x-www-form-urlencoded' }),
        'version=1',
        415,
        /^Content type "application\/x-www-form-urlencoded" is not JSON/,
      ],
      [
        'text/plain, as a no-cors fetch sends',
        () => ({ ...json, host: own(), 'content-type': 'text/plain' }),
        '{}',
        415,
        /is not JSON/,
      ],
      [
        'a body without a content type',
        () => ({ 'x-functions-key': 'admin-key', host: own() }),
        '{}',
        415,
        /^No content type is not JSON/,
      ],
    ])('%s → %i', async (_name, headers, body, status, message) => {
      const res = await raw('POST', headers(), body);
      expect(res.status).toBe(status);
      expect((JSON.parse(res.body) as { error: { message: string } }).error.message).toMatch(message);
    });

    it.each([
      [
        'its own Origin and JSON',
        () => ({ ...json, host: `localhost:${runtime.port}`, origin: `http://localhost:${runtime.port}` }),
        '{}',
      ],
      ['no body and no content type', () => ({ 'x-functions-key': 'admin-key', host: own() }), ''],
    ])('lets through %s', async (_name, headers, body) => {
      expect((await raw('POST', headers(), body)).status).toBe(201);
    });

    it('leaves reads alone', async () => {
      const res = await raw('GET', { host: `evil.example:${runtime.port}`, origin: 'https://evil.example' });
      expect(res.status).toBe(405);
    });
  });

  it('answers 500 JSON when a handler throws, and logs the failure with the function name', async () => {
    const res = await call('/api/boom');
    expect(res.status).toBe(500);
    expect((res.body as { error: { code: string } }).error.code).toBe('internal');
    expect(logger.lines).toContain('error [boom] about to fail');
    expect(
      logger.lines.some((l) =>
        /^error Executed 'Functions\.boom' \(Failed, Id=[0-9a-f-]{36}, Duration=\d+ms\): kaboom$/.test(l),
      ),
    ).toBe(true);
  });

  it('logs one line per invocation', async () => {
    const before = logger.lines.filter((l) => l.includes("'Functions.open'")).length;
    await call('/api/open');
    await call('/api/open');
    expect(logger.lines.filter((l) => l.includes("'Functions.open'")).length).toBe(before + 2);
  });

  it('lists functions with their trigger type on GET /admin/functions (admin key only)', async () => {
    expect((await call('/admin/functions')).status).toBe(401);
    expect((await call('/admin/functions', { key: 'fn-key' })).status).toBe(403);
    const res = await call('/admin/functions', { key: 'admin-key' });
    const list = res.body as { name: string; triggerType: string }[];
    expect(list.map((f) => [f.name, f.triggerType]).sort()).toEqual([
      ['boom', 'httpTrigger'],
      ['open', 'httpTrigger'],
      ['promote', 'httpTrigger'],
      ['slow', 'httpTrigger'],
      ['versions', 'httpTrigger'],
      ['versionsLiteral', 'httpTrigger'],
    ]);
  });

  it('runs postInvocation hooks registered with app.hook', async () => {
    const res = await call('/api/open');
    expect(res.headers.get('x-hooked')).toBe('post');
    expect(res.body).toMatchObject({ open: true });
  });

  it('refuses to run an HTTP function through the admin endpoint', async () => {
    const res = await call('/admin/functions/open', { method: 'POST', key: 'admin-key', body: '{}' });
    expect(res.status).toBe(400);
  });
});

describe('local runtime shutdown', () => {
  it('finishes a running invocation before stop() resolves, then refuses connections', async () => {
    const own = await LocalRuntime.start({
      entry: path.join(FIXTURES, 'http-app.cjs'),
      settings: KEYS,
      host: hostConfigFrom({}),
      port: 0,
      logger: memoryLogger(),
    });
    const pending = fetch(`${own.url}/api/slow`).then(async (r) => [r.status, await r.text()]);
    await new Promise((r) => setTimeout(r, 100));
    await own.stop();
    expect(await pending).toEqual([200, 'finished']);
    await expect(fetch(`${own.url}/api/open`)).rejects.toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
      cause: { code: 'ECONNREFUSED' },
    });
  });
});
