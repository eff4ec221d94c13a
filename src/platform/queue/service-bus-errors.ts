import { isServiceBusError } from '@azure/service-bus';
import { AppError } from '../../errors';
import { toAppError, type ErrorContext } from '../azure-errors';

const SERVICE = 'Service Bus';
const UNAVAILABLE = new Set(['ServiceCommunicationProblem', 'ServiceBusy', 'ServiceTimeout', 'GeneralError']);

/** Turns a ServiceBusError into the app's AppError (other errors as toAppError does). */
export function serviceBusAppError(err: unknown, what: string): AppError {
  const ctx: ErrorContext = { service: SERVICE, what };
  const network = networkCode(err);
  if (network) {
    return new AppError(
      'unavailable',
      'dependency_unavailable',
      `${SERVICE} is unavailable (${network}) while accessing ${what}`,
      { service: SERVICE },
      { cause: err },
    );
  }
  if (!isServiceBusError(err)) return toAppError(err, ctx);
  const cause = { cause: err };
  if (err.code === 'MessagingEntityNotFound') {
    return new AppError(
      'not_found',
      'queue_not_found',
      `${what} does not exist in the Service Bus namespace (queues are created with the infrastructure)`,
      undefined,
      cause,
    );
  }
  if (err.code === 'MessageSizeExceeded')
    return new AppError('too_large', 'message_too_large', `${what}: ${err.message}`, undefined, cause);
  if (err.code === 'UnauthorizedAccess') {
    return new AppError(
      'internal',
      'unauthorized',
      `Service Bus refused access to ${what}: ${err.message}`,
      undefined,
      cause,
    );
  }
  if (err.retryable || UNAVAILABLE.has(err.code)) {
    return new AppError(
      'unavailable',
      'dependency_unavailable',
      `${SERVICE} is unavailable (${err.code}) while accessing ${what}`,
      { service: SERVICE },
      cause,
    );
  }
  return new AppError(
    'internal',
    'dependency_error',
    `${SERVICE} failed on ${what}: ${err.message}`,
    undefined,
    cause,
  );
}

/** Runs op and converts any error it throws with serviceBusAppError. */
export async function mapServiceBusErrors<T>(what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw serviceBusAppError(err, what);
  }
}

/**
 * A socket error behind the SDK's MessagingError ("ECONNREFUSED: connect ..."): the AMQP
 * layer reports it as GeneralError, not retryable, with the system code only in the text.
 */
function networkCode(err: unknown): string | undefined {
  if (!(err instanceof Error) || (err.name !== 'MessagingError' && err.name !== 'ServiceBusError'))
    return undefined;
  return /^(E[A-Z]{4,}):/.exec(err.message)?.[1];
}
