// GET /api/health of the compiled entry, driven by the local runtime against the emulators.
import { afterEach, describe, expect, it } from 'vitest';
import { hostConfigFrom } from '../../src/local/host-config';
import { LocalRuntime } from '../../src/local/runtime';
import { FUNCTION_KEY } from '../support/keys';
import { ENTRY, memoryLogger } from '../support/runtime';
import { appSettings, emulatorSettings } from '../support/settings';

let runtime: LocalRuntime | undefined;

afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

/**
 * The details (GET /api/health/details with the predict key) of a fresh runtime's health, after
 * checking that the anonymous GET /api/health answers the same status with the status alone.
 */
async function health(
  overrides: Record<string, string>,
): Promise<{ status: number; retryAfter: string | null; body: unknown }> {
  runtime = await LocalRuntime.start({
    entry: ENTRY,
    settings: { ...appSettings(), ...overrides },
    host: hostConfigFrom({}),
    port: 0,
    logger: memoryLogger(),
  });
  const res = await fetch(`${runtime.url}/api/health/details`, {
    headers: { 'x-functions-key': FUNCTION_KEY },
  });
  const body = (await res.json()) as { status: string };
  const open = await fetch(`${runtime.url}/api/health`);
  expect([open.status, await open.json(), open.headers.get('retry-after')]).toEqual([
    res.status,
    { status: body.status },
    res.headers.get('retry-after'),
  ]);
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
}

describe('GET /api/health', () => {
  it('answers 200 without a key when blob, queue and Cosmos answer', async () => {
    const res = await health({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'healthy',
      checks: { blob: { status: 'up' }, queue: { status: 'up' }, cosmos: { status: 'up' } },
    });
  });

  it('answers 503 with Retry-After naming the dependency that is down', async () => {
    const cosmosDown = `AccountEndpoint=http://127.0.0.1:9/;AccountKey=${emulatorSettings().cosmosKey};`;
    const res = await health({ COSMOS_CONNECTION: cosmosDown });
    expect(res.status).toBe(503);
    expect(res.retryAfter).toBe('10');
    expect(res.body).toMatchObject({
      status: 'unhealthy',
      checks: {
        blob: { status: 'up' },
        queue: { status: 'up' },
        cosmos: { status: 'down', error: expect.any(String) },
      },
    });
  });

  it('answers the details only with a key', async () => {
    await health({});
    const res = await fetch(`${runtime!.url}/api/health/details`);
    expect(res.status).toBe(401);
  });

  it('answers 503 with a config check when a setting is invalid', async () => {
    const res = await health({ COSMOS_CONNECTION: 'not a connection string', COSMOS_ENDPOINT: '' });
    expect(res.status).toBe(503);
    const body = res.body as { checks: Record<string, { status: string; error?: string }> };
    expect(Object.keys(body.checks)).toEqual(['config']);
    expect(body.checks.config!.error).toContain('COSMOS_CONNECTION');
  });
});
