import { z } from 'zod';
import { MODEL_NAME_PATTERN } from '../../domain/model-name';
import { errorBodySchema } from './common-schemas';
import { LOCAL_KEY_SETTINGS } from '../auth/roles';
import { ROUTES, type RouteSpec } from './routes';

type Json = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  400: 'invalid input: details.issues names each field',
  401: 'no key or token, or a wrong key: the message names the role needed',
  403: 'a key or token without the role the route needs (the message names it)',
  404: 'unknown model or version',
  409: 'conflict: no production version, a version that cannot be used, or a lost race',
  413: 'payload too large',
  415: 'the body is not JSON (Content-Type must be application/json)',
  500: 'internal error (for an artifact, one that does not match its record)',
  503: 'a dependency is down: retry after Retry-After seconds',
};

/** A request schema as JSON Schema: what the route accepts (defaults make fields optional). */
const inputSchema = (s: z.ZodType): Json =>
  z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Json;
const outputSchema = (s: z.ZodType): Json =>
  z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' }) as Json;

/**
 * The OpenAPI 3.1 document of every route in the route table, with request and response
 * schemas generated from the zod schemas that validate them (JSON Schema draft 2020-12, which
 * OpenAPI 3.1 uses as is). Each operation's `security` names the role it needs (OpenAPI 3.1
 * allows role names for any scheme) and `x-role` repeats it.
 */
export function openApiDocument(version = '0.0.0'): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of Object.values(ROUTES) as RouteSpec[]) {
    const path = `/api/${route.route}`;
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'MLOps model API', version },
    servers: [{ url: '/' }],
    components: {
      schemas: { Error: outputSchema(errorBodySchema) },
      securitySchemes: {
        functionKey: {
          type: 'apiKey',
          in: 'header',
          name: 'x-functions-key',
          description:
            'A function key: the predict credential (the host checks it). Locally each role has a key ' +
            `(${Object.values(LOCAL_KEY_SETTINGS).join(', ')}) and a higher role's key also works.`,
        },
        functionKeyQuery: {
          type: 'apiKey',
          in: 'query',
          name: 'code',
          description: 'The same key, as ?code=',
        },
        appRole: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An Entra ID token for the app, validated by App Service Authentication; its app roles ' +
            '(predict, feedback, operate; higher includes lower) decide. Locally the role key in ' +
            'x-functions-key stands in for it.',
        },
      },
    },
    paths,
  };
}

function operation(route: RouteSpec): Json {
  const responses: Record<string, Json> = {};
  for (const [status, r] of Object.entries(route.responses)) {
    responses[status] = {
      description: r.description,
      ...(r.headers && { headers: headerObjects(r.headers) }),
      ...(r.schema && { content: { 'application/json': { schema: outputSchema(r.schema) } } }),
      ...(r.binary && {
        content: {
          'application/octet-stream': {
            schema: { type: 'string', contentMediaType: 'application/octet-stream' },
          },
        },
      }),
    };
  }
  for (const status of route.errors) {
    responses[String(status)] = {
      description: STATUS_TEXT[status] ?? 'error',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  return {
    operationId: route.name,
    summary: route.summary,
    ...(route.access !== 'public' && { description: needs(route.access) }),
    'x-role': route.access,
    security: security(route.access),
    parameters: parameters(route),
    ...(route.body && {
      requestBody: { required: true, content: { 'application/json': { schema: inputSchema(route.body) } } },
    }),
    responses,
  };
}

function needs(role: Exclude<RouteSpec['access'], 'public'>): string {
  const local = `locally ${LOCAL_KEY_SETTINGS[role]} or a higher role's key`;
  return role === 'predict'
    ? `Needs the predict role: a function key (${local}).`
    : `Needs the ${role} role: an Entra ID token with that app role (${local}); a function key alone is refused.`;
}

function security(access: RouteSpec['access']): Json[] {
  if (access === 'public') return [];
  if (access === 'predict') return [{ functionKey: [access] }, { functionKeyQuery: [access] }];
  return [{ appRole: [access] }];
}

function parameters(route: RouteSpec): Json[] {
  const out: Json[] = [];
  for (const [, name] of route.route.matchAll(/\{([^}:?]+)[^}]*\}/g)) {
    out.push({ name, in: 'path', required: true, schema: pathSchema(name!) });
  }
  if (route.query) {
    const schema = inputSchema(route.query) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, s] of Object.entries(schema.properties ?? {})) {
      out.push({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: s });
    }
  }
  for (const [name, description] of Object.entries(route.headers ?? {})) {
    out.push({ name, in: 'header', required: false, description, schema: { type: 'string' } });
  }
  return out;
}

function pathSchema(name: string): Json {
  if (name === 'version') return { type: 'integer', minimum: 1 };
  if (name === 'model') return { type: 'string', pattern: MODEL_NAME_PATTERN.source };
  return { type: 'string' };
}

function headerObjects(headers: Record<string, string>): Json {
  return Object.fromEntries(
    Object.entries(headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
  );
}
