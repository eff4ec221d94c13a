import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { Telemetry } from '../../platform/ports/telemetry';
import { httpErrorResponse } from '../../serving/http/error-response';
import { loggableUrl } from '../../serving/http/loggable-url';
import { appTelemetry } from '../app-context';

/**
 * Wraps an HTTP function's handler so every thrown error becomes the contract's JSON error
 * (see serving/http/error-response.ts); 5xx causes are logged with their stack, never sent, and
 * reported as exceptions with the invocation id (the app's telemetry unless one is given).
 */
export function httpHandler(
  handle: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>,
  telemetry: () => Telemetry = appTelemetry,
): HttpHandler {
  return async (request, context) => {
    try {
      return await handle(request, context);
    } catch (error) {
      const response = httpErrorResponse(error);
      const status = response.status;
      // A key sent as ?code= must not reach the log.
      const url = loggableUrl(request.url);
      if (status === 503) {
        context.warn(`${request.method} ${url}: ${(error as Error).message}`);
      } else if (status >= 500) {
        context.error(`${request.method} ${url} failed:`, error instanceof Error ? error.stack : error);
      }
      if (status >= 500) {
        telemetry().exception(error, {
          invocationId: context.invocationId,
          functionName: context.functionName,
          status: String(status),
        });
      }
      return response;
    }
  };
}
