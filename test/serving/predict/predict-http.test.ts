// POST /api/models/{model}/predict of the compiled entry through the local runtime: a trained
// version served over HTTP, limits, a promotion seen within the alias window, Cosmos DB cut off
// with a warm cache, and every predicted row in prediction-logs after shutdown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_KEY } from '../../support/keys';
import { startPipeline, type Pipeline } from '../../support/runtime';
import { trainTwoTaxiVersions } from '../../support/taxi-data';
import { waitFor } from '../../support/wait';
import { TAXI_ROW } from './served-versions';
import { tcpRelay, type TcpRelay } from '../../support/tcp-relay';
import { emulatorSettings } from '../../support/settings';

const emulators = emulatorSettings();
let p: Pipeline;
let cosmos: TcpRelay;
let predicted = 0;

beforeAll(async () => {
  cosmos = await tcpRelay(new URL(emulators.cosmosEndpoint));
  p = await startPipeline({
    COSMOS_CONNECTION: `AccountEndpoint=http://127.0.0.1:${cosmos.port}/;AccountKey=${emulators.cosmosKey};`,
    ALIAS_CACHE_SECONDS: '1',
    MAX_PREDICT_BYTES: '20000',
    MAX_PREDICT_ROWS: '50',
  });
  await trainTwoTaxiVersions(p);
}, 120_000);

afterAll(async () => {
  await p?.stop();
  await cosmos?.close();
});

async function post(
  body: string | object,
  options: { query?: string; key?: string | null; contentType?: string } = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
  if (options.key !== null) headers['x-functions-key'] = options.key ?? FUNCTION_KEY;
  const res = await fetch(`${p.runtime.url}/api/models/taxi/predict${options.query ?? ''}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status === 200) predicted += (json.predictions as unknown[]).length;
  return { status: res.status, headers: res.headers, body: json };
}

const production = async (): Promise<number> =>
  (await p.adapters.registry.getAlias('taxi', 'production'))!.version;

describe('POST /api/models/{model}/predict', () => {
  it('answers the production version for rows, dataframe_records and dataframe_split', async () => {
    const version = await production();
    const columns = Object.keys(TAXI_ROW);
    const answers = await Promise.all([
      post({ rows: [TAXI_ROW, TAXI_ROW] }),
      post({ dataframe_records: [TAXI_ROW, TAXI_ROW] }),
      post({
        dataframe_split: {
          columns,
          data: [0, 1].map(() => columns.map((c) => TAXI_ROW[c as keyof typeof TAXI_ROW])),
        },
      }),
    ]);
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.body).toMatchObject({ model: 'taxi', version, predictions: answers[0]!.body.predictions });
    }
  });

  it.each([
    ['no key', { rows: [TAXI_ROW] }, { key: null }, 401, undefined],
    ['invalid JSON', '{"rows":', {}, 400, 'invalid_json'],
    [
      'a wrong content type',
      'zone=Z01',
      { contentType: 'application/x-www-form-urlencoded' },
      415,
      'unsupported_media_type',
    ],
    ['too many rows', { rows: Array(51).fill(TAXI_ROW) }, {}, 413, 'too_many_rows'],
    [
      'too many bytes',
      { rows: Array(50).fill({ ...TAXI_ROW, note: 'x'.repeat(400) }) },
      {},
      413,
      'payload_too_large',
    ],
    ['a bad version', { rows: [TAXI_ROW] }, { query: '?version=zero' }, 400, 'bad_version'],
    ['an unknown version', { rows: [TAXI_ROW] }, { query: '?version=99' }, 404, 'version_not_found'],
  ] as const)('refuses %s', async (_name, body, options, status, code) => {
    const r = await post(body, options);
    expect(r.status).toBe(status);
    if (code) expect((r.body.error as { code: string }).code).toBe(code);
  });

  it('serves a promotion or a rollback within the alias window (1 s here)', async () => {
    const before = await production();
    const other = before === 1 ? 2 : 1;
    expect((await post({ rows: [TAXI_ROW] })).body.version).toBe(before);
    await p.adapters.registry.updateVersionStatus('taxi', other, 'validated');
    const alias = (await p.adapters.registry.getAlias('taxi', 'production'))!;
    await p.adapters.registry.setAlias('taxi', 'production', other, alias.etag, 'test rollback');
    await waitFor(
      'the new production version to be served',
      async () => (await post({ rows: [TAXI_ROW] })).body.version === other,
      5000,
    );
  });

  it('keeps serving the cached version with Cosmos DB cut off; 503 with Retry-After for what is not cached', async () => {
    const served = await production();
    expect((await post({ rows: [TAXI_ROW] })).status).toBe(200);
    cosmos.cut();
    await new Promise((r) => setTimeout(r, 1100)); // past the alias window
    const warm = await post({ rows: [TAXI_ROW] });
    expect(warm.status).toBe(200);
    expect(warm.body.version).toBe(served);
    const cold = await post({ rows: [TAXI_ROW] }, { query: '?version=3' });
    expect(cold.status).toBe(503);
    expect(cold.headers.get('retry-after')).toBe('10');
    const health = (await (
      await fetch(`${p.runtime.url}/api/health/details`, { headers: { 'x-functions-key': FUNCTION_KEY } })
    ).json()) as {
      checks: Record<string, { status: string; error?: string }>;
    };
    expect(health.checks.predictionCache).toMatchObject({ status: 'down' });
    expect(health.checks.predictionCache!.error).toMatch(/^registry unreachable, serving cached taxi since /);
  }, 90_000);

  it('has logged every predicted row once the app stopped', async () => {
    await p.stop();
    let logged = 0;
    for await (const blob of p.adapters.blobs.list(p.config.containers.predictionLogs, 'taxi/')) {
      expect(blob.name).toMatch(/^taxi\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/.+-\d{8}\.jsonl$/);
      const { data } = await p.adapters.blobs.downloadToBuffer(p.config.containers.predictionLogs, blob.name);
      logged += data.toString('utf8').trim().split('\n').length;
    }
    expect(predicted).toBeGreaterThan(0);
    expect(logged).toBe(predicted);
  });
});
