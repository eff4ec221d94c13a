// The Azure side of Service Bus settlement: the preview @azure/functions-extensions-servicebus
// decodes the host's binding data and settles over gRPC. The Functions host is stood in for by
// a gRPC server of the package's own settlement.proto that records each request; the worker is
// a child process started with the arguments the host gives a worker. Loads dist/: build first.
import { spawn } from 'node:child_process';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const WORKER = path.join(__dirname, 'fixtures', 'extension-settle.cjs');
const LOCK_TOKEN = '01234567-89ab-cdef-0123-456789abcdef';

let server: grpc.Server;
let port: number;
const requests: [string, unknown][] = [];

beforeAll(async () => {
  const proto = require.resolve('@azure/functions-extensions-servicebus/dist/proto/settlement.proto');
  const definition = protoLoader.loadSync(proto, { defaults: true, includeDirs: [path.dirname(proto)] });
  const { Settlement } = grpc.loadPackageDefinition(definition) as unknown as {
    Settlement: { service: grpc.ServiceDefinition };
  };
  const record =
    (name: string): grpc.handleUnaryCall<unknown, unknown> =>
    (call, callback) => {
      requests.push([name, call.request]);
      callback(null, {});
    };
  server = new grpc.Server();
  server.addService(Settlement.service, {
    complete: record('complete'),
    abandon: record('abandon'),
    deadletter: record('deadletter'),
  });
  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    ),
  );
});
afterAll(() => server?.forceShutdown());

/** Runs the settling handler in a worker process on one message; what the step saw and any error. */
function settleInWorker(outcome: 'done' | 'failed' | 'throw'): Promise<{ seen: unknown[]; error?: string }> {
  const testCase = {
    lockToken: LOCK_TOKEN,
    messageId: 'm1',
    body: { schema: 1, kind: 'validate', model: 'taxi' },
    outcome,
    reason: { code: 'bad_message', message: 'Malformed validate-requests message: runId: Required' },
  };
  const args = [
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--functions-grpc-max-message-length',
    '2147483647',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, ...args, '--case', JSON.stringify(testCase)], {
      cwd: ROOT,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1)!))
        : reject(new Error(`exit ${code}: ${err}`)),
    );
  });
}

describe('Service Bus settlement through the preview extension', () => {
  it('dead-letters a data error with the reason and description the host receives', async () => {
    requests.length = 0;
    const result = await settleInWorker('failed');
    expect(result).toEqual({ seen: [{ schema: 1, kind: 'validate', model: 'taxi' }] });
    expect(requests).toEqual([
      [
        'deadletter',
        {
          locktoken: LOCK_TOKEN,
          propertiesToModify: Buffer.alloc(0),
          deadletterReason: { value: 'bad_message' },
          deadletterErrorDescription: { value: 'Malformed validate-requests message: runId: Required' },
        },
      ],
    ]);
  });

  it('completes a message whose step is done', async () => {
    requests.length = 0;
    expect(await settleInWorker('done')).toEqual({ seen: [expect.any(Object)] });
    expect(requests).toEqual([['complete', { locktoken: LOCK_TOKEN }]]);
  });

  it('abandons the message of a step that throws, and the invocation fails', async () => {
    requests.length = 0;
    expect(await settleInWorker('throw')).toEqual({ seen: [expect.any(Object)], error: 'dependency down' });
    expect(requests).toEqual([['abandon', { locktoken: LOCK_TOKEN, propertiesToModify: Buffer.alloc(0) }]]);
  });
});
