// GET /api/models/{model}/runs and /versions[/{v}] of the compiled entry through the local runtime.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../src/local/runtime';
import { runDoc, versionDoc } from '../../support/documents';
import { FUNCTION_KEY } from '../../support/keys';
import { startApp, testAdapters } from '../../support/runtime';
import { uniqueName } from '../../support/settings';

let runtime: LocalRuntime;
const model = uniqueName('reads');
const empty = uniqueName('nothing-yet');

beforeAll(async () => {
  const { registry } = testAdapters();
  for (let i = 1; i <= 5; i++) {
    await registry.putRun(runDoc(model, `run-${i}`, `2026-01-0${i}T00:00:00.000Z`));
    await registry.createVersion(versionDoc(model, `run-${i}`));
  }
  await registry.putSpec(empty, { target: 'y' });
  runtime = await startApp();
});

afterAll(async () => {
  await runtime?.stop();
});

interface Answer {
  status: number;
  // The parsed JSON body, shaped per endpoint; tests read the fields they check.
  body: {
    items: { id: string; version: number }[];
    continuationToken?: string;
    error: { code: string; message: string; details: { issues: { field: string }[] } };
  };
}

async function get(path: string, key: string | null = FUNCTION_KEY): Promise<Answer> {
  const res = await fetch(`${runtime.url}${path}`, {
    headers: key === null ? {} : { 'x-functions-key': key },
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

describe('HTTP reads', () => {
  it.each([`/api/models/${model}/runs`, `/api/models/${model}/versions`, `/api/models/${model}/versions/1`])(
    '%s answers 401 without a key',
    async (path) => {
      expect((await get(path, null)).status).toBe(401);
      expect((await get(path, 'wrong-key')).status).toBe(401);
    },
  );

  it('pages runs newest first across pages', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const query = `pageSize=2${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`;
      const { status, body } = await get(`/api/models/${model}/runs?${query}`);
      expect(status).toBe(200);
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((r) => r.id));
      token = body.continuationToken;
      pages++;
    } while (token && pages < 10);
    expect(seen).toEqual(['run-5', 'run-4', 'run-3', 'run-2', 'run-1']);
    expect(pages).toBe(3);
  });

  it('pages versions newest first, with the code query parameter as key', async () => {
    const first = await get(`/api/models/${model}/versions?pageSize=3&code=${FUNCTION_KEY}`, null);
    expect(first.status).toBe(200);
    expect(first.body.items.map((v) => v.version)).toEqual([5, 4, 3]);
    const token = encodeURIComponent(first.body.continuationToken ?? '');
    const second = await get(`/api/models/${model}/versions?pageSize=3&continuationToken=${token}`);
    expect(second.body.items.map((v) => v.version)).toEqual([2, 1]);
    expect(second.body.continuationToken).toBeUndefined();
  });

  it('answers one version', async () => {
    const { status, body } = await get(`/api/models/${model}/versions/2`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      model,
      version: 2,
      runId: 'run-2',
      status: 'validated',
      metrics: { rmse: 1.5 },
    });
  });

  it('answers empty lists for a known model without runs or versions', async () => {
    expect(await get(`/api/models/${empty}/runs`)).toEqual({ status: 200, body: { items: [] } });
    expect(await get(`/api/models/${empty}/versions`)).toEqual({ status: 200, body: { items: [] } });
  });

  it.each([
    [`/api/models/${model}/versions/99`, 'version_not_found', `Model "${model}" has no version 99`],
    [`/api/models/no-such-model/versions/1`, 'version_not_found', 'Model "no-such-model" has no version 1'],
    [
      `/api/models/no-such-model/runs`,
      'model_not_found',
      'Model "no-such-model" is unknown: it has no runs, versions or spec',
    ],
    [
      `/api/models/no-such-model/versions`,
      'model_not_found',
      'Model "no-such-model" is unknown: it has no runs, versions or spec',
    ],
  ])('%s answers 404 naming what is unknown', async (path, code, message) => {
    const { status, body } = await get(path);
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code, message });
  });

  it.each([
    [`/api/models/${model}/versions/0`, 'bad_version', 'version'],
    [`/api/models/${model}/versions/latest`, 'bad_version', 'version'],
    [`/api/models/${model}/versions/1.5`, 'bad_version', 'version'],
    [`/api/models/${model}/runs?pageSize=0`, 'bad_page_size', 'pageSize'],
    [`/api/models/${model}/versions?pageSize=500`, 'bad_page_size', 'pageSize'],
  ])('%s answers 400 naming the field', async (path, code, field) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
    expect(body.error.details.issues[0].field).toBe(field);
  });
});
