// POST /models/{model}/aliases/production: promotion, rollback, refusals, races and keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipeline, type Pipeline } from '../../support/runtime';
import { ADMIN_KEY, call, FUNCTION_KEY, OPERATOR_KEY, seedVersion } from './api-client';

let p: Pipeline;
beforeAll(async () => {
  p = await startPipeline();
});
afterAll(() => p?.stop());

const promote = (model: string, body: unknown, headers: Record<string, string> = {}) =>
  call(p, 'POST', `/models/${model}/aliases/production`, { key: OPERATOR_KEY, body, headers });

async function statuses(model: string): Promise<Record<number, string>> {
  const versions = await p.versions(model);
  return Object.fromEntries(versions.map((v) => [v.version, v.status]));
}

describe('promote and roll back', () => {
  it('promotes a validated version, archives the old one, rolls back, and is a no-op when already there', async () => {
    await seedVersion(p, 'flow', 'validated');
    await seedVersion(p, 'flow', 'validated');

    const first = await promote('flow', { version: 1 });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ model: 'flow', alias: 'production', version: 1, action: 'promotion' });
    expect(first.json.previous).toBeUndefined();
    expect(first.headers.get('etag')).toBe(first.json.etag);

    const second = await promote('flow', { version: 2, reason: 'better on March data' });
    expect(second.json).toMatchObject({ version: 2, previous: 1, action: 'promotion' });
    expect(await statuses('flow')).toEqual({ 1: 'archived', 2: 'production' });
    const v2 = (await p.adapters.registry.getVersion('flow', 2))!;
    expect(v2.statusReason).toBe('manual promotion: better on March data, replacing v1');
    expect((await p.adapters.registry.getVersion('flow', 1))!.statusReason).toBe(
      'replaced by v2 (manual promotion to v2)',
    );
    expect((await p.adapters.registry.getAlias('flow', 'production'))!.reason).toBe(
      'manual promotion: better on March data',
    );

    const back = await promote('flow', { version: 1 });
    expect(back.json).toMatchObject({ version: 1, previous: 2, action: 'rollback' });
    expect(await statuses('flow')).toEqual({ 1: 'production', 2: 'archived' });
    expect((await p.adapters.registry.getVersion('flow', 1))!.statusReason).toBe('rollback, replacing v2');

    const same = await promote('flow', { version: 1 });
    expect(same.status).toBe(200);
    expect(same.json).toMatchObject({ version: 1, action: 'unchanged', etag: back.json.etag });

    const summary = await call(p, 'GET', '/models/flow');
    expect(summary.json.production).toMatchObject({ version: 1, reason: 'rollback', etag: back.json.etag });
  });

  it.each([
    [
      'rejected',
      'r2 0.12 < 0.5',
      'Version 1 of refused-rejected is rejected (r2 0.12 < 0.5): only a validated, challenger or archived version can be promoted',
    ],
    [
      'candidate',
      undefined,
      'Version 1 of refused-candidate is candidate: only a validated, challenger or archived version can be promoted',
    ],
  ] as const)('refuses a %s version with 409 and the reason', async (status, reason, message) => {
    const model = `refused-${status}`;
    await seedVersion(p, model, status, undefined, reason);
    const res = await promote(model, { version: 1 });
    expect([res.status, res.json.error?.code, res.json.error?.message]).toEqual([
      409,
      'not_promotable',
      message,
    ]);
    expect(await p.adapters.registry.getAlias(model, 'production')).toBeUndefined();
  });

  it('answers 404 for an unknown model or version', async () => {
    await seedVersion(p, 'known', 'validated');
    for (const [model, version] of [
      ['nobody', 1],
      ['known', 7],
    ] as const) {
      const res = await promote(model, { version });
      expect([res.status, res.json.error?.code, res.json.error?.message]).toEqual([
        404,
        'version_not_found',
        `Model "${model}" has no version ${version}`,
      ]);
    }
  });

  it.each([
    ['not JSON', '{"version": 1', 'invalid_json', 'The request body is not JSON'],
    ['empty', '', 'invalid_json', 'The request body is empty: send a JSON object'],
    [
      'version as text',
      { version: '2' },
      'bad_request',
      'Invalid promotion request: version: Invalid input: expected number, received string',
    ],
    [
      'version zero',
      { version: 0 },
      'bad_request',
      'Invalid promotion request: version: Too small: expected number to be >=1',
    ],
    [
      'no version',
      {},
      'bad_request',
      'Invalid promotion request: version: Invalid input: expected number, received undefined',
    ],
    [
      'unknown field',
      { version: 1, alias: 'x' },
      'bad_request',
      'Invalid promotion request: (body): Unrecognized key: "alias"',
    ],
    [
      'an array',
      [1],
      'bad_request',
      'Invalid promotion request: (body): Invalid input: expected object, received array',
    ],
  ])('answers 400 for a body that is %s', async (_what, body, code, message) => {
    const res = await promote('known', body);
    expect(res.status).toBe(400);
    expect(res.json.error?.code).toBe(code);
    expect(res.json.error?.message.startsWith(message)).toBe(true);
  });

  it('answers 415 for a body that is not sent as JSON (curl -d without a content type)', async () => {
    const res = await call(p, 'POST', '/models/known/aliases/production', {
      key: OPERATOR_KEY,
      body: 'version=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect([res.status, res.json.error?.code]).toEqual([415, 'unsupported_media_type']);
    expect(res.json.error?.message).toMatch(
      /^Content type "application\/x-www-form-urlencoded" is not JSON: send application\/json/,
    );
  });
});

describe('concurrent promotions', () => {
  it('with the same If-Match: exactly one wins, the other is 409', async () => {
    for (let i = 0; i < 3; i++) await seedVersion(p, 'race', 'validated');
    const start = await promote('race', { version: 1 });
    const etag = start.json.etag as string;
    const [a, b] = await Promise.all([
      promote('race', { version: 2 }, { 'if-match': etag }),
      promote('race', { version: 3 }, { 'if-match': etag }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.json.error?.code).toBe('alias_changed');
    const winner = (a.status === 200 ? a : b).json.version as number;
    expect((await p.adapters.registry.getAlias('race', 'production'))!.version).toBe(winner);
    expect(Object.values(await statuses('race')).filter((s) => s === 'production')).toHaveLength(1);
    expect((await statuses('race'))[winner]).toBe('production');
  });

  it('without If-Match: both succeed in turn and one production version remains, the alias target', async () => {
    for (let i = 0; i < 3; i++) await seedVersion(p, 'race2', 'validated');
    await promote('race2', { version: 1 });
    const [a, b] = await Promise.all([promote('race2', { version: 2 }), promote('race2', { version: 3 })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const alias = (await p.adapters.registry.getAlias('race2', 'production'))!;
    const all = await statuses('race2');
    expect(Object.entries(all).filter(([, s]) => s === 'production')).toEqual([
      [String(alias.version), 'production'],
    ]);
    expect(Object.values(all).sort()).toEqual(['archived', 'archived', 'production']);
  });

  it('a stale If-Match is 409 and changes nothing', async () => {
    await seedVersion(p, 'stale', 'validated');
    await seedVersion(p, 'stale', 'validated');
    const first = await promote('stale', { version: 1 });
    await promote('stale', { version: 2 });
    const res = await promote('stale', { version: 1 }, { 'if-match': first.json.etag as string });
    expect([res.status, res.json.error?.code]).toEqual([409, 'alias_changed']);
    expect((await p.adapters.registry.getAlias('stale', 'production'))!.version).toBe(2);
  });
});

describe('keys', () => {
  it('401 without a key, 403 with the function or the admin key, 200 with the operator key', async () => {
    await seedVersion(p, 'keys', 'validated');
    const path = '/models/keys/aliases/production';
    const none = await call(p, 'POST', path, { key: null, body: { version: 1 } });
    const fn = await call(p, 'POST', path, { key: FUNCTION_KEY, body: { version: 1 } });
    expect([none.status, fn.status]).toEqual([401, 403]);
    expect(await p.adapters.registry.getAlias('keys', 'production')).toBeUndefined();
    const admin = await call(p, 'POST', path, { key: ADMIN_KEY, body: { version: 1 } });
    expect(admin.status).toBe(403);
    expect(await p.adapters.registry.getAlias('keys', 'production')).toBeUndefined();
    const operator = await call(p, 'POST', path, { key: OPERATOR_KEY, body: { version: 1 } });
    expect(operator.status).toBe(200);
  });
});
