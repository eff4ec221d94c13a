import { READ_ROUTES } from './read-routes';
import { authLevelFor, type AuthLevel, type HttpMethod, type RouteSpec } from './route-spec';
import { SERVICE_ROUTES } from './service-routes';
import { WRITE_ROUTES } from './write-routes';

export {
  authLevelFor,
  type Access,
  type AuthLevel,
  type HttpMethod,
  type RouteResponse,
  type RouteSpec,
} from './route-spec';

/**
 * Every HTTP route of the app, by group. Functions take method, route and auth from here, the
 * OpenAPI document is generated from it, and a test checks it against the compiled entry's
 * registrations.
 */
export const ROUTES = { ...SERVICE_ROUTES, ...READ_ROUTES, ...WRITE_ROUTES } as const satisfies Record<
  string,
  RouteSpec
>;

export type RouteName = keyof typeof ROUTES;

/** The options an `app.http` registration takes from a route of the table. */
export function httpOptions(name: RouteName): {
  methods: [HttpMethod];
  route: string;
  authLevel: AuthLevel;
} {
  const r: RouteSpec = ROUTES[name];
  return { methods: [r.method], route: r.route, authLevel: authLevelFor(r.access) };
}
