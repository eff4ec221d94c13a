import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { readSetting } from '../../platform/config';
import { CLIENT_PRINCIPAL_HEADER, readPrincipal, type Caller } from '../../serving/auth/client-principal';
import { requireRole } from '../../serving/auth/require-role';
import { httpOptions, ROUTES, type RouteName } from '../../serving/openapi/routes';
import { httpHandler } from './handler';

type Handle = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/**
 * Registers the route `name` of the route table with its method, path and host auth level, and
 * checks the role it needs before `handle` runs. Predict routes are guarded by the host's key
 * check alone; feedback and operate routes by the role of the platform-validated principal.
 */
export function httpRoute(name: RouteName, handle: Handle): void {
  const { access } = ROUTES[name];
  app.http(name, {
    ...httpOptions(name),
    handler: httpHandler(async (request, context) => {
      if (access === 'feedback' || access === 'operate') requireRole(access, callerOf(request));
      return handle(request, context);
    }),
  });
}

/**
 * The caller App Service Authentication (or the local runtime standing in for it) vouches for.
 * The header is trusted only when the platform says it sets it and strips clients' copies:
 * without that, anyone could send one.
 */
function callerOf(request: HttpRequest): Caller | undefined {
  if (!readSetting('WEBSITE_AUTH_ENABLED')) return undefined;
  return readPrincipal(request.headers.get(CLIENT_PRINCIPAL_HEADER));
}
