// The request/response nodes of the Service Bus test broker: `$cbs` (put-token: every token is
// accepted, the broker checks no claims) and `{queue}/$management` (renew-lock only).
import { uuid_to_string, type Message } from 'rhea';
import { LockLostError } from './broker-queue';

export interface RequestHandlers {
  /** Renews a lock on `entity`; the new expiry. Throws LockLostError for an unknown lock. */
  renewLock(entity: string, token: string): Date;
}

const MANAGEMENT_SUFFIX = '/$management';

/** The reply to a request sent to `$cbs` or `{entity}/$management`. */
export function answerRequest(address: string, request: Message, handlers: RequestHandlers): Message {
  const base = { to: request.reply_to, correlation_id: request.message_id };
  if (address === '$cbs') {
    const ok = request.application_properties?.operation === 'put-token';
    return {
      ...base,
      body: undefined,
      application_properties: ok
        ? { 'status-code': 202, 'status-description': 'Accepted' }
        : { 'status-code': 400, 'status-description': 'The test broker answers put-token only.' },
    };
  }
  const entity = address.slice(0, -MANAGEMENT_SUFFIX.length);
  const operation = String(request.application_properties?.operation ?? '');
  try {
    if (operation === 'com.microsoft:renew-lock') {
      const body = request.body as { 'lock-tokens'?: unknown[] } | undefined;
      const tokens = (body?.['lock-tokens'] ?? []).map((t) => uuid_to_string(t as Buffer));
      const expirations = tokens.map((t) => handlers.renewLock(entity, t));
      return { ...base, body: { expirations }, application_properties: { statusCode: 200 } };
    }
    return failure(
      base,
      501,
      'com.microsoft:not-implemented',
      `The test broker does not implement ${operation}.`,
    );
  } catch (err) {
    if (err instanceof LockLostError) return failure(base, 410, err.condition, err.message);
    return failure(base, 500, 'amqp:internal-error', (err as Error).message);
  }
}

function failure(
  base: Partial<Message>,
  statusCode: number,
  condition: string,
  description: string,
): Message {
  return {
    ...base,
    body: undefined,
    application_properties: { statusCode, errorCondition: condition, statusDescription: description },
  };
}
