import { resolveSettingReferences, type AppSettings } from '../app-settings';
import { authLevelOf, type AuthLevel } from './auth';
import type { RegisteredFunction, Registrations } from '../registrations';
import { compareRoutes, compileRoute, type RouteTemplate } from './route-template';

/** One HTTP-triggered function as the router sees it. */
export interface HttpRoute {
  fn: RegisteredFunction;
  route: RouteTemplate;
  /** Upper-case methods; empty means any. */
  methods: string[];
  authLevel: AuthLevel;
}

export type RouteLookup =
  | { kind: 'found'; route: HttpRoute; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: string[] }
  | { kind: 'not_found' };

/** The HTTP routes of every `httpTrigger` function, most specific first. */
export function buildHttpRoutes(registrations: Registrations, settings: AppSettings): HttpRoute[] {
  return registrations
    .byTrigger('httpTrigger')
    .map((fn) => {
      const raw =
        typeof fn.trigger.route === 'string' && fn.trigger.route !== '' ? fn.trigger.route : fn.metadata.name;
      const template = resolveSettingReferences(raw, settings, `Function "${fn.metadata.name}" route`);
      const methods = Array.isArray(fn.trigger.methods)
        ? fn.trigger.methods.map((m) => String(m).toUpperCase())
        : [];
      return { fn, route: compileRoute(template), methods, authLevel: authLevelOf(fn.trigger.authLevel) };
    })
    .sort((a, b) => compareRoutes(a.route, b.route));
}

/** Finds the route for `path` (prefix already removed) and `method`. */
export function findRoute(routes: HttpRoute[], method: string, path: string): RouteLookup {
  const allowed: string[] = [];
  for (const route of routes) {
    const params = route.route.match(path);
    if (!params) continue;
    if (route.methods.length === 0 || route.methods.includes(method.toUpperCase())) {
      return { kind: 'found', route, params };
    }
    allowed.push(...route.methods);
  }
  return allowed.length > 0
    ? { kind: 'method_not_allowed', allowed: [...new Set(allowed)] }
    : { kind: 'not_found' };
}
