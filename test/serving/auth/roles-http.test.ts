// Each role on each route group, through the local runtime: 401 without a key, 403 with a key
// of a role too low (the message naming the role needed), through with the role or a higher one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, FEEDBACK_KEY, FUNCTION_KEY, OPERATOR_KEY } from '../../support/keys';
import { startPipeline, type Pipeline } from '../../support/runtime';

let p: Pipeline;
beforeAll(async () => {
  p = await startPipeline();
});
afterAll(() => p?.stop());

type Holder = 'none' | 'predict' | 'feedback' | 'operate' | 'admin';
const KEY: Record<Holder, string | undefined> = {
  none: undefined,
  predict: FUNCTION_KEY,
  feedback: FEEDBACK_KEY,
  operate: OPERATOR_KEY,
  admin: ADMIN_KEY,
};

interface Route {
  method: string;
  path: string;
  body?: unknown;
  /** The answer once the key is accepted. */
  through: number;
}
const GROUPS: Record<string, { needs: string; routes: Route[] }> = {
  predict: {
    needs: 'predict',
    routes: [
      { method: 'GET', path: '/api/models', through: 200 },
      { method: 'GET', path: '/api/models/no-such-model/runs', through: 404 },
      { method: 'GET', path: '/api/openapi.json', through: 200 },
      { method: 'POST', path: '/api/models/roles/predict', body: { rows: [{ x: 1 }] }, through: 404 },
    ],
  },
  feedback: {
    needs: 'feedback',
    routes: [
      {
        method: 'POST',
        path: '/api/models/roles/feedback',
        body: { items: [{ requestId: 'r', actual: 1 }] },
        through: 200,
      },
    ],
  },
  operate: {
    needs: 'operate',
    routes: [
      { method: 'PUT', path: '/api/models/roles/spec', body: { target: 'y' }, through: 200 },
      { method: 'POST', path: '/api/models/roles/aliases/production', body: { version: 7 }, through: 404 },
      { method: 'POST', path: '/api/models/no-such-model/retrain', body: {}, through: 404 },
    ],
  },
  admin: { needs: 'admin', routes: [{ method: 'GET', path: '/admin/functions', through: 200 }] },
};

// What each holder gets on each group: 'through', or the refusal.
const EXPECTED: Record<string, Record<Holder, 'through' | 401 | 403>> = {
  predict: { none: 401, predict: 'through', feedback: 'through', operate: 'through', admin: 'through' },
  feedback: { none: 401, predict: 403, feedback: 'through', operate: 'through', admin: 403 },
  operate: { none: 401, predict: 403, feedback: 403, operate: 'through', admin: 403 },
  admin: { none: 401, predict: 403, feedback: 403, operate: 403, admin: 'through' },
};

async function send(route: Route, key: string | undefined, headers: Record<string, string> = {}) {
  const res = await fetch(`${p.runtime.url}${route.path}`, {
    method: route.method,
    headers: {
      ...(key && { 'x-functions-key': key }),
      ...(route.body !== undefined && { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(route.body !== undefined && { body: JSON.stringify(route.body) }),
  });
  const json = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
  return { status: res.status, message: json.error?.message ?? '' };
}

const CASES = Object.entries(EXPECTED).flatMap(([group, byHolder]) =>
  Object.entries(byHolder).flatMap(([holder, outcome]) =>
    GROUPS[group]!.routes.map((route) => ({ group, holder: holder as Holder, outcome, route })),
  ),
);

describe('roles on every route group', () => {
  it.each(CASES)('$group route $route.method $route.path with the $holder key: $outcome', async (c) => {
    const { status, message } = await send(c.route, KEY[c.holder]);
    if (c.outcome === 'through') {
      expect(status).toBe(c.route.through);
      return;
    }
    expect(status).toBe(c.outcome);
    const needs = GROUPS[c.group]!.needs;
    expect(message).toContain(needs === 'admin' ? 'host admin key' : `"${needs}" role`);
  });

  it('ignores a principal header a client sends: the function key stays a predict key', async () => {
    const forged = Buffer.from(JSON.stringify({ claims: [{ typ: 'roles', val: 'operate' }] })).toString(
      'base64',
    );
    const route = GROUPS.operate!.routes[0]!;
    const withKey = await send(route, FUNCTION_KEY, { 'x-ms-client-principal': forged });
    const alone = await send(route, undefined, { 'x-ms-client-principal': forged });
    expect([withKey.status, alone.status]).toEqual([403, 401]);
    expect(await p.adapters.registry.getSpec('roles')).toMatchObject({ spec: { target: 'y' } });
  });
});
