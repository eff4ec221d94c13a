import { HttpRequest, InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { httpHandler } from '../../../src/functions/http/handler';
import { RecordingTelemetry } from '../../platform/telemetry/recording-telemetry';

function context(): InvocationContext & { logged: string[] } {
  const logged: string[] = [];
  const ctx = new InvocationContext({
    functionName: 'test',
    invocationId: 'inv-1',
    logHandler: (level, ...args) => logged.push(`${level} ${args.map(String).join(' ')}`),
  });
  return Object.assign(ctx, { logged });
}

const request = () => new HttpRequest({ method: 'GET', url: 'http://localhost/api/models/m/runs' });

describe('httpHandler', () => {
  it('passes the handler response through', async () => {
    const res = await httpHandler(async () => ({ status: 200, jsonBody: { items: [] } }))(
      request(),
      context(),
    );
    expect(res).toEqual({ status: 200, jsonBody: { items: [] } });
  });

  it.each([
    [new AppError('not_found', 'model_not_found', 'Model "m" is unknown'), 404, 'model_not_found', undefined],
    [
      new AppError('unavailable', 'dependency_unavailable', 'Cosmos DB is unavailable'),
      503,
      'dependency_unavailable',
      'warning',
    ],
    [new Error('secret detail'), 500, 'internal', 'error'],
  ])('answers %s as %i and logs server faults only', async (error, status, code, level) => {
    const ctx = context();
    const res = (await httpHandler(() => Promise.reject(error))(request(), ctx)) as {
      status: number;
      jsonBody: { error: { code: string; message: string } };
    };
    expect(res.status).toBe(status);
    expect(res.jsonBody.error.code).toBe(code);
    expect(JSON.stringify(res)).not.toContain('secret detail');
    expect(ctx.logged.map((l) => l.split(' ')[0])).toEqual(level ? [level] : []);
    if (level === 'error') expect(ctx.logged[0]).toContain('secret detail');
  });

  it.each([
    [new Error('bug'), ['bug', '500']],
    [
      new AppError('unavailable', 'dependency_unavailable', 'Cosmos DB is unavailable'),
      ['Cosmos DB is unavailable', '503'],
    ],
    [new AppError('not_found', 'model_not_found', 'Model "m" is unknown'), undefined],
  ])('reports a server fault (%s) as an exception with the invocation id', async (error, expected) => {
    const telemetry = new RecordingTelemetry();
    await httpHandler(
      () => Promise.reject(error),
      () => telemetry,
    )(request(), context());
    expect(telemetry.items).toEqual(
      expected
        ? [
            {
              kind: 'exception',
              name: expected[0],
              properties: { invocationId: 'inv-1', functionName: 'test', status: expected[1] },
            },
          ]
        : [],
    );
  });
});

describe('keys in logged URLs', () => {
  it.each([
    [new Error('bug'), 'error'],
    [new AppError('unavailable', 'dependency_unavailable', 'Cosmos DB is unavailable'), 'warning'],
  ])('are never logged, whatever the status (%s)', async (error) => {
    const ctx = context();
    const url = 'http://localhost/api/models/m/runs?code=s3cret-key&pageSize=5&x-api-key=k2&sig=abc';
    await httpHandler(() => Promise.reject(error))(new HttpRequest({ method: 'GET', url }), ctx);
    expect(ctx.logged).toHaveLength(1);
    expect(ctx.logged[0]).toContain(
      'GET http://localhost/api/models/m/runs?code=REDACTED&pageSize=5&x-api-key=REDACTED&sig=REDACTED',
    );
    for (const secret of ['s3cret-key', 'k2', 'abc']) expect(ctx.logged[0]).not.toContain(secret);
  });
});
