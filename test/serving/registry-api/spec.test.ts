// PUT /models/{model}/spec: validated with the pipeline's schema, stored as written, read back
// in the model summary and used by the next training run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipeline, type Pipeline } from '../../support/runtime';
import { TAXI_SPEC, taxiCsv } from '../../support/taxi-data';
import { runIdFor } from '../../../src/domain/ids';
import { call, FUNCTION_KEY, OPERATOR_KEY } from './api-client';

let p: Pipeline;
beforeAll(async () => {
  p = await startPipeline();
});
afterAll(() => p?.stop());

const put = (model: string, body: unknown, key: string | null = OPERATOR_KEY) =>
  call(p, 'PUT', `/models/${model}/spec`, { key, body });

describe('PUT spec', () => {
  it('stores the spec as written and shows it in the model summary', async () => {
    const spec = { target: 'trips', exclude: ['fare'], validation: { holdoutFraction: 0.25 } };
    const res = await put('spec-ok', spec);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ model: 'spec-ok', spec });
    expect((await p.adapters.registry.getSpec('spec-ok'))!.spec).toEqual(spec);

    const summary = await call(p, 'GET', '/models/spec-ok');
    expect(summary.status).toBe(200);
    expect(summary.json).toMatchObject({
      model: 'spec-ok',
      versionCount: 0,
      spec: { model: 'spec-ok', spec },
    });

    const replaced = await put('spec-ok', { target: 'fare' });
    expect(replaced.json.spec).toEqual({ target: 'fare' });
    expect((await call(p, 'GET', '/models/spec-ok')).json.spec).toMatchObject({ spec: { target: 'fare' } });
  });

  it('answers its ETag and, given If-Match or If-None-Match, writes only over what the caller read', async () => {
    const model = 'spec-etag';
    const put1 = (body: unknown, headers: Record<string, string>) =>
      call(p, 'PUT', `/models/${model}/spec`, { key: OPERATOR_KEY, body, headers });
    const first = await put1({ target: 'trips' }, { 'if-none-match': '*' });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(first.json.etag).toBe(etag);
    expect((await call(p, 'GET', `/models/${model}`)).json.spec).toMatchObject({ etag });

    const again = await put1({ target: 'fare' }, { 'if-none-match': '*' });
    expect(again.status).toBe(409);
    expect(again.json.error).toEqual({
      code: 'spec_exists',
      message: `Model "${model}" already has a spec; read it (GET /api/models/${model}) and send its ETag as If-Match to replace it`,
      details: { model },
    });

    const second = await put1({ target: 'fare' }, { 'if-match': etag! });
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).not.toBe(etag);

    // A writer still holding the first ETag loses, and the spec stays the second one.
    const stale = await put1({ target: 'zone' }, { 'if-match': etag! });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toEqual({
      code: 'spec_changed',
      message: `The spec of model "${model}" changed since it was read (If-Match ${etag}); read it again and retry`,
      details: { model, ifMatch: etag },
    });
    expect((await p.adapters.registry.getSpec(model))!.spec).toEqual({ target: 'fare' });
  });

  it('is the spec the next training run uses (no model.json blob needed)', async () => {
    expect((await put('spec-train', TAXI_SPEC)).status).toBe(200);
    const etag = await p.drop('spec-train', 'a.csv', taxiCsv({ days: 6 }));
    const run = await p.finishedRun('spec-train', runIdFor('spec-train/a.csv', etag));
    expect(run.error).toBeUndefined();
    expect(run.status).toBe('succeeded');
    const v = (await p.adapters.registry.getVersion('spec-train', 1))!;
    expect(v.params).toMatchObject(TAXI_SPEC.params);
  });

  it.each([
    [
      {},
      'Invalid model spec: target: Invalid input: expected string, received undefined',
      [{ field: 'target' }],
    ],
    [
      { target: 'y', algorithm: 'forest', seed: 1.5 },
      'Invalid model spec: algorithm: Invalid option: expected one of "gbdt"|"linear"|"logistic"; seed: Invalid input: expected int, received number',
      [{ field: 'algorithm' }, { field: 'seed' }],
    ],
    [
      { target: 'y', validation: { holdoutFraction: 2 } },
      'Invalid model spec: validation.holdoutFraction: Too big: expected number to be <1',
      [{ field: 'validation.holdoutFraction' }],
    ],
    [
      { target: 'y', exclude: ['y'] },
      'Invalid model spec: exclude: target cannot be excluded',
      [{ field: 'exclude' }],
    ],
    [
      { target: 'y', tagret: 'z' },
      'Invalid model spec: (spec): Unrecognized key: "tagret"',
      [{ field: '(spec)' }],
    ],
  ])('refuses %j with 400 naming each field', async (body, message, issues) => {
    const res = await put('spec-bad', body);
    expect(res.status).toBe(400);
    expect(res.json.error?.code).toBe('bad_spec');
    expect(res.json.error?.message).toBe(message);
    expect(res.json.error?.details?.issues).toEqual(issues.map((i) => expect.objectContaining(i)));
    expect(await p.adapters.registry.getSpec('spec-bad')).toBeUndefined();
  });

  it.each([
    ['{"target": ', 'invalid_json'],
    ['', 'invalid_json'],
  ])('refuses the body %j with 400 %s', async (body, code) => {
    const res = await put('spec-bad', body);
    expect([res.status, res.json.error?.code]).toEqual([400, code]);
  });

  it('refuses a body over MAX_REGISTRY_BODY_BYTES (64 KiB) with 413, before parsing it', async () => {
    const features = Array.from({ length: 7000 }, (_, i) => `feature_${i}`);
    const body = JSON.stringify({ target: 'y', features });
    expect(body.length).toBeGreaterThan(64 * 1024);
    const res = await put('spec-big', body);
    expect([res.status, res.json.error?.code, res.json.error?.message]).toEqual([
      413,
      'payload_too_large',
      `The body is ${body.length} bytes; the limit is 65536 bytes (MAX_REGISTRY_BODY_BYTES)`,
    ]);
    expect(await p.adapters.registry.getSpec('spec-big')).toBeUndefined();
  });

  it.each([
    ['form encoded, as curl -d sends it', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['text', { 'content-type': 'text/plain' }],
  ])('refuses a JSON body sent as %s with 415', async (_what, headers) => {
    const res = await call(p, 'PUT', '/models/spec-type/spec', {
      key: OPERATOR_KEY,
      body: '{"target":"y"}',
      headers,
    });
    expect([res.status, res.json.error?.code]).toEqual([415, 'unsupported_media_type']);
    expect(await p.adapters.registry.getSpec('spec-type')).toBeUndefined();
  });

  it('is an operate route: 401 without a key, 403 with the function key', async () => {
    expect((await put('spec-keys', { target: 'y' }, null)).status).toBe(401);
    expect((await put('spec-keys', { target: 'y' }, FUNCTION_KEY)).status).toBe(403);
    expect(await p.adapters.registry.getSpec('spec-keys')).toBeUndefined();
  });
});
