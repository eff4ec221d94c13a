// The OpenAPI document against what the compiled entry registers, and against the schemas that
// validate requests: a route added, removed or changed without the table fails here.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFunctionApp } from '../../../src/local/app-loader';
import { feedbackBodySchema, MAX_FEEDBACK_ITEMS } from '../../../src/domain/feedback';
import { openApiDocument } from '../../../src/serving/openapi/document';
import { predictRequestSchema } from '../../../src/serving/openapi/predict-schemas';
import { authLevelFor, ROUTES, type RouteSpec } from '../../../src/serving/openapi/routes';
import { REQUEST_FORMATS } from '../../../src/serving/predict/formats/registry';
import { promoteBodySchema } from '../../../src/serving/registry-api/schemas';
import { modelSpecSchema } from '../../../src/domain/spec/model-spec';
import { startPipeline, type Pipeline } from '../../support/runtime';
import { call } from '../registry-api/api-client';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  version: string;
};
const entry = path.join(ROOT, pkg.main);

type Operation = {
  operationId: string;
  'x-role': string;
  security: unknown[];
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: { content: { 'application/json': { schema: Record<string, unknown> } } };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};
const doc = openApiDocument(pkg.version) as {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
};

const operations = (): { key: string; op: Operation }[] =>
  Object.entries(doc.paths).flatMap(([p, byMethod]) =>
    Object.entries(byMethod).map(([method, op]) => ({ key: `${method.toUpperCase()} ${p}`, op })),
  );

interface Registered {
  name: string;
  key: string;
  authLevel: string;
}
let registered: Registered[];

beforeAll(() => {
  if (!existsSync(entry))
    throw new Error(`${path.relative(ROOT, entry)} is missing: run \`npm run build\` first.`);
  const sample = (
    JSON.parse(readFileSync(path.join(ROOT, 'local.settings.sample.json'), 'utf8')) as {
      Values: Record<string, string>;
    }
  ).Values;
  for (const [name, value] of Object.entries(sample)) process.env[name] ??= value;
  registered = loadFunctionApp(entry)
    .byTrigger('httpTrigger')
    .flatMap((fn) =>
      (fn.trigger.methods as string[]).map((method) => ({
        name: fn.metadata.name,
        key: `${method.toUpperCase()} /api/${String(fn.trigger.route)}`,
        authLevel: String(fn.trigger.authLevel),
      })),
    );
});

describe('the OpenAPI document and the registered routes', () => {
  it('documents every registered HTTP route, and only those', () => {
    const documented = operations().map((o) => o.key);
    expect(registered.length).toBeGreaterThan(10);
    expect(documented.sort()).toEqual(registered.map((r) => r.key).sort());
  });

  it('names each operation after its function, and names the role it needs in its security', () => {
    const byKey = new Map(operations().map((o) => [o.key, o.op]));
    for (const r of registered) {
      const op = byKey.get(r.key)!;
      const { access } = (ROUTES as Record<string, RouteSpec>)[r.name]!;
      expect([r.key, op.operationId]).toEqual([r.key, r.name]);
      expect([r.key, op['x-role']]).toEqual([r.key, access]);
      // Predict routes take a function key; feedback and operate an app role; public nothing.
      const expected =
        access === 'public'
          ? []
          : access === 'predict'
            ? [{ functionKey: ['predict'] }, { functionKeyQuery: ['predict'] }]
            : [{ appRole: [access] }];
      expect([r.key, op.security]).toEqual([r.key, expected]);
    }
  });

  it('agrees with the route table on method, route and auth level', () => {
    for (const r of registered) {
      const spec = (ROUTES as Record<string, RouteSpec>)[r.name];
      expect(spec, `${r.name} has no row in src/serving/openapi/routes.ts`).toBeDefined();
      expect(`${spec!.method} /api/${spec!.route}`).toBe(r.key);
      expect(authLevelFor(spec!.access)).toBe(r.authLevel);
    }
  });
});

describe('the document', () => {
  it('is OpenAPI 3.1 with every path parameter declared and every error answer the Error schema', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const [p, byMethod] of Object.entries(doc.paths)) {
      const names = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(byMethod)) {
        const declared = op.parameters.filter((x) => x.in === 'path').map((x) => x.name);
        expect([p, declared]).toEqual([p, names]);
        for (const [status, r] of Object.entries(op.responses)) {
          if (Number(status) >= 400) {
            expect(r.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/Error' });
          }
        }
      }
    }
  });

  it.each([
    ['POST /api/models/{model}/aliases/production', promoteBodySchema],
    ['POST /api/models/{model}/feedback', feedbackBodySchema],
    ['PUT /api/models/{model}/spec', modelSpecSchema],
    ['POST /api/models/{model}/predict', predictRequestSchema],
  ])('gives %s the request schema that validates it', (key, schema) => {
    const op = operations().find((o) => o.key === key)!.op;
    expect(op.requestBody!.content['application/json'].schema).toEqual(
      z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }),
    );
  });

  it('carries the limits and required fields of the schemas', () => {
    const feedback = operations().find((o) => o.key === 'POST /api/models/{model}/feedback')!.op;
    const body = feedback.requestBody!.content['application/json'].schema as {
      required: string[];
      properties: { items: { maxItems: number; items: { required: string[] } } };
    };
    expect(body.required).toEqual(['items']);
    expect(body.properties.items.maxItems).toBe(MAX_FEEDBACK_ITEMS);
    expect([...body.properties.items.items.required].sort()).toEqual(['actual', 'requestId']);
    const spec = operations().find((o) => o.key === 'PUT /api/models/{model}/spec')!.op;
    expect((spec.requestBody!.content['application/json'].schema as { required: string[] }).required).toEqual(
      ['target'],
    );
  });

  it('describes the same predict body formats the predict endpoint accepts', () => {
    const keys = predictRequestSchema.options.map((o) => Object.keys(o.shape)[0]);
    expect(keys.sort()).toEqual(REQUEST_FORMATS.map((f) => f.key).sort());
  });
});

describe('GET /api/openapi.json', () => {
  let p: Pipeline;
  beforeAll(async () => {
    p = await startPipeline();
  });
  afterAll(() => p?.stop());

  it('serves the document with a function key, 401 without', async () => {
    const res = await call(p, 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json).toEqual(doc);
    expect((await call(p, 'GET', '/openapi.json', { key: null })).status).toBe(401);
  });
});
