import { InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors';
import { settleRun } from '../../src/functions/run-outcome';
import { DataError } from '../../src/ml/errors';
import { memoryDeps } from '../pipeline/memory-ports';
import { RecordingTelemetry } from '../platform/telemetry/recording-telemetry';

const context = () => new InvocationContext({ functionName: 'validateCandidate', invocationId: 'inv-7' });

describe('settleRun', () => {
  it('fails the run of a permanent failure and reports it with the invocation id', async () => {
    const telemetry = new RecordingTelemetry();
    const deps = { ...memoryDeps(), telemetry };
    const target = { model: 'taxi', runId: 'r1' };
    const bad = new DataError('corrupt', 'The file is binary, not text');
    const outcome = await settleRun(
      context(),
      () => deps,
      () => target,
      () => Promise.reject(bad),
    );
    expect(outcome).toEqual({
      kind: 'failed',
      reason: { code: 'corrupt', message: 'The file is binary, not text' },
    });
    expect(telemetry.items).toEqual([
      {
        kind: 'exception',
        name: 'The file is binary, not text',
        properties: {
          invocationId: 'inv-7',
          functionName: 'validateCandidate',
          outcome: 'failed',
          code: 'corrupt',
          model: 'taxi',
          runId: 'r1',
        },
      },
    ]);
    expect(await deps.registry.getRun('taxi', 'r1')).toMatchObject({ status: 'failed' });
  });

  it('says done when the work succeeds', async () => {
    const done = settleRun(
      context(),
      () => memoryDeps(),
      () => undefined,
      () => Promise.resolve(),
    );
    await expect(done).resolves.toEqual({ kind: 'done' });
  });

  it('rethrows what a retry may fix, reported as retried', async () => {
    const telemetry = new RecordingTelemetry();
    const down = new AppError('unavailable', 'dependency_unavailable', 'Cosmos DB is unavailable');
    const settled = settleRun(
      context(),
      () => ({ ...memoryDeps(), telemetry }),
      () => undefined,
      () => Promise.reject(down),
    );
    await expect(settled).rejects.toBe(down);
    expect(telemetry.items).toEqual([
      {
        kind: 'exception',
        name: 'Cosmos DB is unavailable',
        properties: { invocationId: 'inv-7', functionName: 'validateCandidate', outcome: 'retried' },
      },
    ]);
  });

  it('still settles when the app settings cannot be read', async () => {
    const broken = () => {
      throw new Error('Invalid app settings');
    };
    const bad = new AppError('invalid', 'bad_message', 'not a validate request');
    await expect(
      settleRun(
        context(),
        broken,
        () => undefined,
        () => Promise.reject(bad),
      ),
    ).resolves.toEqual({
      kind: 'failed',
      reason: { code: 'bad_message', message: 'not a validate request' },
    });
  });
});
