// Blob storage down while serving, through the local runtime: a loaded version keeps answering,
// a version that would need its ONNX file downloaded gets 503 with Retry-After, health says blob
// storage is down, and once storage is back every predicted row reaches the prediction log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_KEY } from '../../support/keys';
import { startPipeline, type Pipeline } from '../../support/runtime';
import { trainTwoTaxiVersions } from '../../support/taxi-data';
import { tcpRelay, type TcpRelay } from '../../support/tcp-relay';
import { TAXI_ROW } from './served-versions';
import { emulatorSettings } from '../../support/settings';

const emulators = emulatorSettings();
let p: Pipeline;
let blob: TcpRelay;
let predicted = 0;
let stopped = false;

beforeAll(async () => {
  blob = await tcpRelay(new URL(`http://127.0.0.1:${emulators.ports.blob}`));
  p = await startPipeline({
    AzureWebJobsStorage: emulators.storageConnectionString.replace(
      /BlobEndpoint=http:\/\/127\.0\.0\.1:\d+\//,
      `BlobEndpoint=http://127.0.0.1:${blob.port}/`,
    ),
    ALIAS_CACHE_SECONDS: '1',
  });
  await trainTwoTaxiVersions(p);
}, 120_000);

afterAll(async () => {
  blob?.restore();
  if (!stopped) await p?.stop();
  await blob?.close();
});

async function post(
  query = '',
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const res = await fetch(`${p.runtime.url}/api/models/taxi/predict${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-functions-key': FUNCTION_KEY },
    body: JSON.stringify({ rows: [TAXI_ROW] }),
  });
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status === 200) predicted += (body.predictions as unknown[]).length;
  return { status: res.status, headers: res.headers, body };
}

describe('predict with blob storage down', () => {
  it('serves the loaded version, answers 503 with Retry-After for an unloaded one, and recovers', async () => {
    const served = (await p.adapters.registry.getAlias('taxi', 'production'))!.version;
    const other = served === 1 ? 2 : 1;
    expect((await post()).status).toBe(200);

    blob.cut();
    await new Promise((r) => setTimeout(r, 1100)); // past the alias window: the alias is read again
    const warm = await post();
    expect([warm.status, warm.body.version]).toEqual([200, served]);
    const cold = await post(`?version=${other}`);
    expect(cold.status).toBe(503);
    expect(cold.headers.get('retry-after')).toEqual(expect.stringMatching(/^\d+$/));
    expect((cold.body.error as { code: string; message: string }).message).toMatch(
      /Blob storage is unavailable/,
    );
    const health = (await (
      await fetch(`${p.runtime.url}/api/health/details`, { headers: { 'x-functions-key': FUNCTION_KEY } })
    ).json()) as {
      checks: Record<string, { status: string }>;
    };
    expect(health.checks.blob).toMatchObject({ status: 'down' });

    blob.restore();
    const back = await post(`?version=${other}`);
    expect([back.status, back.body.version]).toEqual([200, other]);
  }, 60_000);

  it('has logged every predicted row, those of the outage included, once the app stopped', async () => {
    await p.stop();
    stopped = true;
    let logged = 0;
    for await (const item of p.adapters.blobs.list(p.config.containers.predictionLogs, 'taxi/')) {
      const { data } = await p.adapters.blobs.downloadToBuffer(p.config.containers.predictionLogs, item.name);
      logged += data.toString('utf8').trim().split('\n').length;
    }
    expect(predicted).toBe(3); // before, during (loaded version) and after the outage
    expect(logged).toBe(predicted);
  });
});
