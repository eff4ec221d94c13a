import { InvocationContext } from '@azure/functions';
import type { ServiceBusReceivedMessage } from '@azure/service-bus';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors';
import { STEP_DONE, type StepOutcome } from '../../src/functions/run-outcome';
import type { ServiceBusMessageActions } from '../../src/functions/service-bus-message-context';
import { settlingServiceBusHandler } from '../../src/functions/service-bus-settlement';

const context = () => new InvocationContext({ functionName: 'validateCandidate', invocationId: 'inv-1' });
const message = (body: unknown) =>
  ({ body, messageId: 'm1', lockToken: 'lock-1' }) as ServiceBusReceivedMessage;

/** Settlement actions that record each call as [action, messageId, ...arguments]. */
function recordingActions(): { actions: ServiceBusMessageActions; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const record =
    (name: string) =>
    (m: ServiceBusReceivedMessage, ...rest: unknown[]): Promise<void> => {
      calls.push([name, m.messageId, ...rest]);
      return Promise.resolve();
    };
  return {
    calls,
    actions: { complete: record('complete'), abandon: record('abandon'), deadletter: record('deadletter') },
  };
}

describe('settlingServiceBusHandler', () => {
  const failed = (
    code: string,
    words: string,
    settlement: 'complete' | 'dead-letter' = 'dead-letter',
  ): StepOutcome => ({
    kind: 'failed',
    reason: { code, message: words },
    settlement,
  });

  it.each([
    ['done', STEP_DONE, [['complete', 'm1']]],
    [
      'a data error',
      failed('bad_message', 'Malformed validate-requests message: runId: Required'),
      [
        [
          'deadletter',
          'm1',
          undefined,
          { value: 'bad_message' },
          { value: 'Malformed validate-requests message: runId: Required' },
        ],
      ],
    ],
    ['a failure the table completes', failed('bad_message', 'done with', 'complete'), [['complete', 'm1']]],
  ])('settles %s once', async (_, outcome, expected) => {
    const { actions, calls } = recordingActions();
    await settlingServiceBusHandler(() => Promise.resolve(outcome))(
      { messages: message({}), actions },
      context(),
    );
    expect(calls).toEqual(expected);
  });

  it('rethrows the step error when the abandon fails too (the lock comes back on its own)', async () => {
    const { actions } = recordingActions();
    const failing: ServiceBusMessageActions = {
      ...actions,
      abandon: () => Promise.reject(new Error('lock invalid')),
    };
    const handler = settlingServiceBusHandler(() => Promise.reject(new Error('Cosmos is down')));
    await expect(handler({ messages: message({}), actions: failing }, context())).rejects.toThrow(
      'Cosmos is down',
    );
  });

  it('cuts a dead-letter description to 4096 characters', async () => {
    const { actions, calls } = recordingActions();
    const handler = settlingServiceBusHandler(() =>
      Promise.resolve(failed('invalid_data', 'x'.repeat(5000))),
    );
    await handler({ messages: message({}), actions }, context());
    expect((calls[0]![4] as { value: string }).value).toHaveLength(4096);
  });

  it('abandons the message of a step that throws and rethrows, so the invocation fails', async () => {
    const { actions, calls } = recordingActions();
    const down = new AppError('unavailable', 'dependency_unavailable', 'Cosmos DB is unavailable');
    const handler = settlingServiceBusHandler(() => Promise.reject(down));
    await expect(handler({ messages: message({}), actions }, context())).rejects.toBe(down);
    expect(calls).toEqual([['abandon', 'm1']]);
  });

  it.each([
    ['an object', { model: 'taxi' }, { model: 'taxi' }],
    ['text', '{"model":"taxi"}', '{"model":"taxi"}'],
    ['bytes', Buffer.from('{"model":"taxi"}'), '{"model":"taxi"}'],
  ])('hands the step the body given as %s', async (_, body, expected) => {
    const { actions } = recordingActions();
    const seen: unknown[] = [];
    const step = (m: unknown) => (seen.push(m), Promise.resolve(STEP_DONE));
    await settlingServiceBusHandler(step)({ messages: message(body), actions }, context());
    expect(seen).toEqual([expected]);
  });

  it.each([
    [
      'text',
      'plain',
      'validateCandidate: expected one Service Bus message with settlement actions (sdkBinding: true), got string',
    ],
    [
      'a batch',
      { messages: [message({})], actions: recordingActions().actions },
      'validateCandidate: expected one Service Bus message with settlement actions (sdkBinding: true), got an object with messages, actions',
    ],
    [
      'no actions',
      { messages: message({}) },
      'validateCandidate: expected one Service Bus message with settlement actions (sdkBinding: true), got an object with messages',
    ],
  ])('refuses %s instead of a message context, running nothing', async (_, input, error) => {
    let ran = false;
    const handler = settlingServiceBusHandler(() => ((ran = true), Promise.resolve(STEP_DONE)));
    await expect(handler(input, context())).rejects.toThrow(error);
    expect(ran).toBe(false);
  });
});
