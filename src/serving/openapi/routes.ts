import { z } from 'zod';
import type { Role } from '../auth/roles';
import { retrainBodySchema, retrainDecisionSchema } from '../../domain/retrain-schemas';
import { modelSpecSchema } from '../../domain/spec/model-spec';
import { feedbackBodySchema, feedbackResultSchema } from '../../domain/feedback';
import {
  modelListSchema,
  modelSummarySchema,
  promoteBodySchema,
  promotionResultSchema,
  specDocumentSchema,
} from '../registry-api/schemas';
import { looseObject, pageOf, pageQuerySchema, versionQuerySchema } from './common-schemas';
import { driftHistorySchema, driftPageQuerySchema } from './drift-schemas';
import { predictRequestSchema, predictResponseSchema } from './predict-schemas';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
export type AuthLevel = 'anonymous' | 'function' | 'admin';
/** Who may call a route: anyone, or a caller holding the role (or a higher one). */
export type Access = 'public' | Role;

/** A documented answer: JSON by default; `binary` for a file. */
export interface RouteResponse {
  readonly description: string;
  readonly schema?: z.ZodType;
  readonly binary?: boolean;
  readonly headers?: Record<string, string>;
}

/** One HTTP function as registered (method, route without /api, auth) and as documented. */
export interface RouteSpec {
  readonly name: string;
  readonly method: HttpMethod;
  readonly route: string;
  readonly access: Access;
  readonly summary: string;
  readonly query?: z.ZodObject;
  readonly headers?: Record<string, string>;
  readonly body?: z.ZodType;
  /** Success answers by status; error statuses are listed in `errors`. */
  readonly responses: Record<number, RouteResponse>;
  readonly errors: readonly number[];
}

const version = z
  .object({
    featureImportance: z
      .array(z.object({ feature: z.string(), importance: z.number() }))
      .optional()
      .describe(
        'every input column, most important first, shares summing to 1; absent on uploaded and older versions',
      ),
    metrics: z
      .record(z.string(), z.number())
      .optional()
      .describe("the validated model's holdout metrics (trained on the train rows only, also with a refit)"),
    refit: z
      .object({ rows: z.number().int(), iterations: z.number().int() })
      .optional()
      .describe('validation.refit: the served model, trained on all rows once the gates passed'),
    trainedThrough: z
      .object({ column: z.string(), last: z.number(), label: z.string() })
      .optional()
      .describe(
        'with a time column: the latest time the served model trained on (value and as the file wrote it)',
      ),
    comparison: z
      .object({
        championVersion: z.number().int(),
        basis: z.enum(['time', 'rows', 'all']),
        rows: z.number().int(),
        holdoutRows: z.number().int(),
        compared: z.boolean(),
        reason: z.string(),
      })
      .optional()
      .describe(
        'the comparison with production: on the holdout rows it never trained on (later than its training data, or not among its training rows); compared false below validation.minRows',
      ),
    specSha256: z.string().optional().describe('sha256 of the spec it was trained with'),
  })
  .catchall(z.unknown())
  .describe('a model version record (status, metrics, gates, artifact, lineage, feature importance)');
const run = z
  .object({
    trigger: z
      .object({
        kind: z.string().describe('data_drop, retrain, upload, or scoring for a batch-scoring drop'),
      })
      .catchall(z.unknown())
      .optional(),
    scoring: z
      .object({
        format: z.string(),
        rows: z.number(),
        scored: z.number(),
        errorRows: z.number().describe('rows given an empty prediction and an error'),
        output: z.string().optional().describe('the predictions blob, {model}/{name}'),
      })
      .optional()
      .describe('scoring runs only'),
    message: z
      .string()
      .optional()
      .describe('a succeeded run that made no version says why, e.g. "already trained as version 3: ..."'),
    duplicateOf: z
      .number()
      .int()
      .optional()
      .describe('the version already trained on the same data (sha256) and spec'),
  })
  .catchall(z.unknown())
  .describe('a training or scoring run (status, stage, timings, error; scoring counts)');

/**
 * Every HTTP route of the app. Functions take method, route and auth from here, the OpenAPI
 * document is generated from it, and a test checks it against the compiled entry's registrations.
 */
export const ROUTES = {
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
  listModels: {
    name: 'listModels',
    method: 'GET',
    route: 'models',
    access: 'predict',
    summary: 'Models with a version or spec, in name order, with production and latest version',
    query: pageQuerySchema,
    responses: { 200: { description: 'one page', schema: modelListSchema } },
    errors: [400, 401],
  },
  getModel: {
    name: 'getModel',
    method: 'GET',
    route: 'models/{model}',
    access: 'predict',
    summary: 'A model: production alias (with its ETag), version counts, stored spec',
    responses: { 200: { description: 'the model', schema: modelSummarySchema } },
    errors: [400, 401, 404],
  },
  listVersions: {
    name: 'listVersions',
    method: 'GET',
    route: 'models/{model}/versions',
    access: 'predict',
    summary: 'Versions of a model, newest first',
    query: pageQuerySchema,
    responses: { 200: { description: 'one page', schema: pageOf(version) } },
    errors: [400, 401, 404],
  },
  getVersion: {
    name: 'getVersion',
    method: 'GET',
    route: 'models/{model}/versions/{version}',
    access: 'predict',
    summary: 'One version record',
    responses: { 200: { description: 'the version', schema: version } },
    errors: [400, 401, 404],
  },
  getArtifact: {
    name: 'getArtifact',
    method: 'GET',
    route: 'models/{model}/versions/{version}/artifact',
    access: 'predict',
    summary: "A version's ONNX file, checked against its recorded sha256",
    headers: { 'If-None-Match': 'the ETag held: answers 304 when it is still the file' },
    responses: {
      200: { description: 'the ONNX bytes', binary: true, headers: { ETag: 'the sha256, quoted' } },
      304: { description: 'unchanged since the If-None-Match ETag', headers: { ETag: 'the sha256, quoted' } },
    },
    errors: [400, 401, 404, 500],
  },
  listRuns: {
    name: 'listRuns',
    method: 'GET',
    route: 'models/{model}/runs',
    access: 'predict',
    summary: 'Training and scoring runs of a model, newest first',
    query: pageQuerySchema,
    responses: { 200: { description: 'one page', schema: pageOf(run) } },
    errors: [400, 401, 404],
  },
  setProductionAlias: {
    name: 'setProductionAlias',
    method: 'POST',
    route: 'models/{model}/aliases/production',
    access: 'operate',
    summary:
      'Promote or roll back: point production at a validated or archived version (ETag compare-and-swap)',
    headers: { 'If-Match': 'the alias ETag read from GET /models/{model}: act only if it is unchanged' },
    body: promoteBodySchema,
    responses: { 200: { description: 'production points at the version', schema: promotionResultSchema } },
    errors: [400, 401, 403, 404, 409, 413, 415],
  },
  // Operate, not predict: a spec changes what the next training run does (target, features,
  // gates), which is an operator's decision like a promotion, not a client's.
  putSpec: {
    name: 'putSpec',
    method: 'PUT',
    route: 'models/{model}/spec',
    access: 'operate',
    summary: "Store the model's spec (used by its next training run)",
    body: modelSpecSchema,
    responses: { 200: { description: 'stored as written', schema: specDocumentSchema } },
    errors: [400, 401, 403, 413, 415],
  },
  postFeedback: {
    name: 'postFeedback',
    method: 'POST',
    route: 'models/{model}/feedback',
    access: 'feedback',
    summary: 'Ground truth for predictions, one record per (requestId, row); re-posting replaces',
    body: feedbackBodySchema,
    responses: { 200: { description: 'stored', schema: feedbackResultSchema } },
    errors: [400, 401, 403, 413, 415],
  },
  getDriftHistory: {
    name: 'getDriftHistory',
    method: 'GET',
    route: 'models/{model}/drift',
    access: 'predict',
    summary: 'Drift reports of a model (drift, data quality, live error, retrain asked), newest first',
    query: driftPageQuerySchema,
    responses: { 200: { description: 'one page', schema: driftHistorySchema } },
    errors: [400, 401, 404],
  },
  postRetrain: {
    name: 'postRetrain',
    method: 'POST',
    route: 'models/{model}/retrain',
    access: 'operate',
    summary:
      "Ask for a retrain by hand: assembles the spec's retrain window into a new data drop (cooldown applies)",
    body: retrainBodySchema,
    responses: { 202: { description: 'the retrain request was sent', schema: retrainDecisionSchema } },
    errors: [400, 401, 403, 404, 409, 413, 415],
  },
  predict: {
    name: 'predict',
    method: 'POST',
    route: 'models/{model}/predict',
    access: 'predict',
    summary: 'Score rows with the production version (or ?version=N)',
    query: versionQuerySchema,
    body: predictRequestSchema,
    responses: { 200: { description: 'predictions', schema: predictResponseSchema } },
    errors: [400, 401, 404, 409, 413, 415, 503],
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

export type RouteName = keyof typeof ROUTES;

/**
 * The host's key check for a route. Predict routes take a function key (the host checks it;
 * a function key is the predict credential). Feedback and operate routes are anonymous to the
 * host: the app checks the role App Service Authentication vouches for, so a function key alone
 * never reaches them, and a caller with a token needs no shared key besides.
 */
export function authLevelFor(access: Access): AuthLevel {
  return access === 'predict' ? 'function' : 'anonymous';
}

/** The options an `app.http` registration takes from a route of the table. */
export function httpOptions(name: RouteName): {
  methods: [HttpMethod];
  route: string;
  authLevel: AuthLevel;
} {
  const r: RouteSpec = ROUTES[name];
  return { methods: [r.method], route: r.route, authLevel: authLevelFor(r.access) };
}
