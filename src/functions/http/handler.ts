import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { httpErrorResponse } from '../../serving/http/error-response';

/**
 * Wraps an HTTP function's handler so every thrown error becomes the contract's JSON error
 * (see serving/http/error-response.ts); 5xx causes are logged with their stack, never sent.
 */
export function httpHandler(
  handle: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>,
): HttpHandler {
  return async (request, context) => {
    try {
      return await handle(request, context);
    } catch (error) {
      const response = httpErrorResponse(error);
      if (response.status === 503) {
        context.warn(`${request.method} ${request.url}: ${(error as Error).message}`);
      } else if (response.status >= 500) {
        context.error(
          `${request.method} ${request.url} failed:`,
          error instanceof Error ? error.stack : error,
        );
      }
      return response;
    }
  };
}
