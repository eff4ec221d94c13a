// GET /models, /models/{model} and the artifact download, through the local runtime.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIdFor } from '../../../src/domain/ids';
import { startPipeline, type Pipeline } from '../../support/runtime';
import { TAXI_SPEC, taxiCsv } from '../../support/taxi-data';
import { call, seedVersion } from './api-client';

let p: Pipeline;
beforeAll(async () => {
  p = await startPipeline();
});
afterAll(() => p?.stop());

describe('a trained version', () => {
  it('is listed, summarised and downloadable with its sha256 as ETag, 304 when unchanged', async () => {
    await p.drop('taxi', 'model.json', JSON.stringify(TAXI_SPEC));
    const etag = await p.drop('taxi', '2025-01.csv', taxiCsv({ days: 10 }));
    const run = await p.finishedRun('taxi', runIdFor('taxi/2025-01.csv', etag));
    expect(run.error).toBeUndefined();
    const v = (await p.adapters.registry.getVersion('taxi', 1))!;

    const list = await call(p, 'GET', '/models');
    expect(list.status).toBe(200);
    expect(list.json.items).toContainEqual(
      expect.objectContaining({ model: 'taxi', latestVersion: 1, versionCount: 1, productionVersion: 1 }),
    );

    const summary = await call(p, 'GET', '/models/taxi');
    expect(summary.status).toBe(200);
    expect(summary.json).toMatchObject({
      model: 'taxi',
      production: { name: 'production', version: 1 },
      versionCount: 1,
      latestVersion: 1,
      statusCounts: { production: 1 },
    });
    expect(summary.json.spec).toBeUndefined(); // the spec is a blob, not a stored document

    const file = await call(p, 'GET', '/models/taxi/versions/1/artifact');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect(file.headers.get('etag')).toBe(`"${v.artifact.sha256}"`);
    expect(createHash('sha256').update(file.bytes).digest('hex')).toBe(v.artifact.sha256);
    expect(file.bytes.length).toBe(v.artifact.bytes);

    for (const header of [
      `"${v.artifact.sha256}"`,
      `W/"${v.artifact.sha256}"`,
      `"other", "${v.artifact.sha256}"`,
      '*',
    ]) {
      const again = await call(p, 'GET', '/models/taxi/versions/1/artifact', {
        headers: { 'if-none-match': header },
      });
      expect([header, again.status, again.bytes.length]).toEqual([header, 304, 0]);
      expect(again.headers.get('etag')).toBe(`"${v.artifact.sha256}"`);
    }
    const stale = await call(p, 'GET', '/models/taxi/versions/1/artifact', {
      headers: { 'if-none-match': '"abc"' },
    });
    expect(stale.status).toBe(200);
    expect(stale.bytes.length).toBe(v.artifact.bytes);
  });
});

describe('artifact errors', () => {
  it('answers 500 naming both hashes when the stored bytes do not match the record', async () => {
    const v = await seedVersion(p, 'tampered', 'validated', Buffer.from('original'));
    await p.adapters.blobs.upload(p.config.containers.models, v.artifact.path, Buffer.from('changed'));
    const actual = createHash('sha256').update('changed').digest('hex');
    const res = await call(p, 'GET', `/models/tampered/versions/${v.version}/artifact`);
    expect(res.status).toBe(500);
    expect(res.json.error).toEqual({
      code: 'artifact_corrupt',
      message: `The stored artifact of tampered v1 does not match its record: sha256 ${actual}, expected ${v.artifact.sha256}`,
      details: { model: 'tampered', version: 1, path: v.artifact.path, expected: v.artifact.sha256, actual },
    });
  });

  it('answers 500 when the artifact blob is gone', async () => {
    const v = await seedVersion(p, 'gone', 'validated');
    await p.adapters.blobs.delete(p.config.containers.models, v.artifact.path);
    const res = await call(p, 'GET', '/models/gone/versions/1/artifact');
    expect(res.status).toBe(500);
    expect(res.json.error?.message).toBe(
      `The artifact of gone v1 is missing from ${p.config.containers.models}/${v.artifact.path}`,
    );
  });

  it.each([
    ['/models/nobody/versions/1/artifact', 404, 'version_not_found', 'Model "nobody" has no version 1'],
    ['/models/taxi/versions/99/artifact', 404, 'version_not_found', 'Model "taxi" has no version 99'],
    [
      '/models/taxi/versions/0/artifact',
      400,
      'bad_version',
      'Invalid version "0": a version is a positive integer',
    ],
    [
      '/models/taxi/versions/x/artifact',
      400,
      'bad_version',
      'Invalid version "x": a version is a positive integer',
    ],
  ])('GET %s answers %i %s', async (path, status, code, message) => {
    const res = await call(p, 'GET', path);
    expect([res.status, res.json.error?.code, res.json.error?.message]).toEqual([status, code, message]);
  });
});

describe('model list and summary', () => {
  it('pages the list in name order with a continuation token', async () => {
    for (const m of ['page-a', 'page-b', 'page-c']) await seedVersion(p, m, 'validated');
    const names: string[] = [];
    let token: string | undefined;
    do {
      const q = `?pageSize=2${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`;
      const res = await call(p, 'GET', `/models${q}`);
      expect(res.status).toBe(200);
      const items = res.json.items as { model: string }[];
      expect(items.length).toBeLessThanOrEqual(2);
      names.push(...items.map((i) => i.model));
      token = res.json.continuationToken as string | undefined;
    } while (token);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['page-a', 'page-b', 'page-c']));
    expect(new Set(names).size).toBe(names.length);
  });

  it('counts versions by status and has no production alias before a promotion', async () => {
    await seedVersion(p, 'counted', 'rejected');
    await seedVersion(p, 'counted', 'validated');
    await seedVersion(p, 'counted', 'candidate');
    const res = await call(p, 'GET', '/models/counted');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      model: 'counted',
      versionCount: 3,
      latestVersion: 3,
      statusCounts: { rejected: 1, validated: 1, candidate: 1 },
    });
  });

  it.each([
    ['/models/nobody', 404, 'model_not_found', 'Model "nobody" is unknown: it has no runs, versions or spec'],
    [
      '/models/-bad',
      400,
      'bad_model_name',
      `Invalid model name "-bad": use 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit`,
    ],
    ['/models?pageSize=0', 400, 'bad_page_size', 'Invalid pageSize "0": an integer from 1 to 100'],
    [
      '/models?continuationToken=%25%25',
      400,
      'bad_continuation_token',
      'Invalid continuationToken: pass back the one a page gave',
    ],
  ])('GET %s answers %i %s', async (path, status, code, message) => {
    const res = await call(p, 'GET', path);
    expect([res.status, res.json.error?.code, res.json.error?.message]).toEqual([status, code, message]);
  });

  it('needs a key', async () => {
    expect((await call(p, 'GET', '/models', { key: null })).status).toBe(401);
    expect((await call(p, 'GET', '/models/taxi', { key: 'wrong' })).status).toBe(401);
  });
});
