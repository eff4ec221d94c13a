import { InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import type { TriggerKind } from '../../src/error-outcomes';
import { AppError, type ErrorCategory } from '../../src/errors';
import { pipelineRun, runStep, type FailureTarget } from '../../src/functions/run-outcome';
import { DataError } from '../../src/ml/errors';
import { memoryDeps } from '../pipeline/memory-ports';
import { RecordingTelemetry } from '../platform/telemetry/recording-telemetry';

const context = () => new InvocationContext({ functionName: 'validateCandidate', invocationId: 'inv-7' });

describe('runStep', () => {
  it('fails the run of a permanent failure and reports it with the invocation id', async () => {
    const telemetry = new RecordingTelemetry();
    const deps = { ...memoryDeps(), telemetry };
    const bad = new DataError('corrupt', 'The file is binary, not text');
    const outcome = await runStep(
      { trigger: 'storage-queue', telemetry: () => telemetry },
      context(),
      (scope) => {
        scope.about(pipelineRun(() => deps, { model: 'taxi', runId: 'r1' }));
        return Promise.reject(bad);
      },
    );
    expect(outcome).toEqual({
      kind: 'failed',
      reason: { code: 'corrupt', message: 'The file is binary, not text' },
      settlement: 'complete',
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
    expect(await deps.registry.getRun('taxi', 'r1')).toMatchObject({
      status: 'failed',
      error: { code: 'corrupt', message: 'The file is binary, not text' },
    });
  });

  it('says done when the work succeeds, recording nothing', async () => {
    const telemetry = new RecordingTelemetry();
    const done = runStep({ trigger: 'blob', telemetry: () => telemetry }, context(), () => Promise.resolve());
    await expect(done).resolves.toEqual({ kind: 'done' });
    expect(telemetry.items).toEqual([]);
  });

  it('rethrows what a retry may fix, reported as retried, recording nothing on the run', async () => {
    const telemetry = new RecordingTelemetry();
    const recorded: unknown[] = [];
    const down = new AppError('unavailable', 'dependency_unavailable', 'Cosmos DB is unavailable');
    const settled = runStep({ trigger: 'service-bus', telemetry: () => telemetry }, context(), (scope) => {
      scope.about({ properties: { model: 'taxi' }, record: async (r) => void recorded.push(r) });
      return Promise.reject(down);
    });
    await expect(settled).rejects.toBe(down);
    expect(recorded).toEqual([]);
    expect(telemetry.items).toEqual([
      {
        kind: 'exception',
        name: 'Cosmos DB is unavailable',
        properties: {
          invocationId: 'inv-7',
          functionName: 'validateCandidate',
          outcome: 'retried',
          model: 'taxi',
        },
      },
    ]);
  });

  it('fails a message it could not parse without a run to record it on', async () => {
    const bad = new AppError(
      'invalid',
      'bad_message',
      'Malformed validate-requests message: runId: Required',
    );
    await expect(
      runStep({ trigger: 'service-bus', telemetry: () => new RecordingTelemetry() }, context(), () =>
        Promise.reject(bad),
      ),
    ).resolves.toEqual({
      kind: 'failed',
      reason: { code: 'bad_message', message: 'Malformed validate-requests message: runId: Required' },
      settlement: 'dead-letter',
    });
  });

  const categories: [ErrorCategory, 'fail' | 'retry'][] = [
    ['invalid', 'fail'],
    ['unauthorized', 'retry'],
    ['forbidden', 'retry'],
    ['not_found', 'fail'],
    ['conflict', 'retry'],
    ['too_large', 'fail'],
    ['unsupported_media_type', 'fail'],
    ['corrupt', 'fail'],
    ['unavailable', 'retry'],
    ['internal', 'retry'],
  ];
  const triggers: [TriggerKind, 'complete' | 'dead-letter'][] = [
    ['storage-queue', 'complete'],
    ['service-bus', 'dead-letter'],
    ['blob', 'complete'],
    ['timer', 'complete'],
  ];
  it.each(categories.flatMap(([c, run]) => triggers.map(([t, settles]) => [c, t, run, settles] as const)))(
    'settles %s on a %s run by the outcome table (%s)',
    async (category, trigger, run, settles) => {
      const recorded: unknown[] = [];
      const target: FailureTarget = { properties: {}, record: async (r) => void recorded.push(r) };
      const error = new AppError(category, `some_${category}`, `what went wrong (${category})`);
      const outcome = runStep({ trigger, telemetry: () => new RecordingTelemetry() }, context(), (scope) => {
        scope.about(target);
        return Promise.reject(error);
      });
      if (run === 'retry') {
        await expect(outcome).rejects.toBe(error);
        expect(recorded).toEqual([]);
        return;
      }
      const reason = { code: `some_${category}`, message: `what went wrong (${category})` };
      await expect(outcome).resolves.toEqual({ kind: 'failed', reason, settlement: settles });
      expect(recorded).toEqual([reason]);
    },
  );
});
