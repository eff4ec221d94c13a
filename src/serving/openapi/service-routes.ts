import { looseObject } from './common-schemas';
import type { RouteSpec } from './route-spec';

/** Health, this API's document and the dashboard. */
export const SERVICE_ROUTES = {
  health: {
    name: 'health',
    method: 'GET',
    route: 'health',
    access: 'public',
    summary: 'Whether blob, queue and Cosmos answer: the status alone (checks cached for 5 s)',
    responses: { 200: { description: 'all dependencies answer', schema: looseObject('{status}') } },
    errors: [503],
  },
  healthDetails: {
    name: 'healthDetails',
    method: 'GET',
    route: 'health/details',
    access: 'predict',
    summary: 'Each dependency check with its duration and, when down, why (cached for 5 s)',
    responses: { 200: { description: 'all dependencies answer', schema: looseObject('per-check status') } },
    errors: [401, 503],
  },
  // Predict, not public: the document lists every route and schema; whoever holds a key is who
  // needs it, and health stays the one open API route.
  openapi: {
    name: 'openapi',
    method: 'GET',
    route: 'openapi.json',
    access: 'predict',
    summary: 'This document',
    responses: { 200: { description: 'OpenAPI 3.1', schema: looseObject('an OpenAPI 3.1 document') } },
    errors: [401],
  },
  // Anonymous: only the static page and its scripts; every figure it shows comes from the
  // routes above, called by the browser with the key the user enters.
  dashboard: {
    name: 'dashboard',
    method: 'GET',
    route: 'dashboard/{*path}',
    access: 'public',
    summary: 'The web dashboard (HTML, CSS, scripts); its data comes from this API with your key',
    responses: {
      200: { description: 'the page or one of its files', binary: true },
      301: { description: 'to the trailing slash: /api/dashboard/', headers: { Location: 'the URL' } },
      304: { description: 'unchanged since the If-None-Match ETag', headers: { ETag: 'the file hash' } },
    },
    errors: [404],
  },
} as const satisfies Record<string, RouteSpec>;
