import type { InvocationContext } from '@azure/functions';
import type { ServiceBusReceivedMessage } from '@azure/service-bus';
import type { StepOutcome } from './run-outcome';
import type { ServiceBusMessageContext } from './service-bus-message-context';

/** Service Bus caps a dead-letter description; a longer reason is cut to this many characters. */
const MAX_DESCRIPTION = 4096;

/** A pipeline step on a message's body: its outcome, or a throw for what a retry may fix. */
export type PipelineStep = (message: unknown, context: InvocationContext) => Promise<StepOutcome>;

/**
 * Runs the step on the message of a Service Bus SDK binding and settles the message by the
 * outcome (runStep's, from the outcome table): done → complete; failed for good (bad message or
 * data, a missing version) → dead-letter at once with the reason's code as DeadLetterReason and
 * its words as DeadLetterErrorDescription; thrown → abandon (redelivered, dead-lettered as
 * MaxDeliveryCountExceeded past the queue's maxDeliveryCount) and rethrown, so the invocation
 * counts as failed.
 */
export function settlingServiceBusHandler(
  step: PipelineStep,
): (input: unknown, context: InvocationContext) => Promise<void> {
  return async (input, context) => {
    const { message, actions } = singleMessage(input, context.functionName);
    let outcome: StepOutcome;
    try {
      outcome = await step(bodyOf(message), context);
    } catch (err) {
      // If the abandon fails too (lock lost), the message comes back when its lock expires: the
      // step's own error is the one worth reporting.
      await actions.abandon(message).catch((abandonError: unknown) => {
        context.warn(`${context.functionName}: could not abandon the message: ${String(abandonError)}`);
      });
      throw err;
    }
    if (outcome.kind === 'done' || outcome.settlement === 'complete') {
      await actions.complete(message);
      return;
    }
    const { code, message: description } = outcome.reason;
    await actions.deadletter(
      message,
      undefined,
      { value: code },
      { value: description.slice(0, MAX_DESCRIPTION) },
    );
  };
}

function singleMessage(
  input: unknown,
  functionName: string,
): { message: ServiceBusReceivedMessage; actions: ServiceBusMessageContext['actions'] } {
  const context = input as Partial<ServiceBusMessageContext> | undefined;
  const message = Array.isArray(context?.messages) ? context.messages[0] : context?.messages;
  if (!context?.actions || !message || Array.isArray(context.messages)) {
    // The trigger registers with sdkBinding and cardinality one; anything else is a host mismatch.
    throw new Error(
      `${functionName}: expected one Service Bus message with settlement actions (sdkBinding: true), got ${describe(input)}`,
    );
  }
  return { message, actions: context.actions };
}

/** The message body as the step parses it: bytes as UTF-8 text (JSON is parsed by the step). */
function bodyOf(message: ServiceBusReceivedMessage): unknown {
  const body: unknown = message.body;
  return Buffer.isBuffer(body) ? body.toString('utf8') : body;
}

function describe(input: unknown): string {
  if (input === null || typeof input !== 'object') return typeof input;
  return `an object with ${Object.keys(input).join(', ') || 'no keys'}`;
}
