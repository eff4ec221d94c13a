import { modelListSchema, modelSummarySchema } from '../registry-api/schemas';
import { pageOf, pageQuerySchema } from './common-schemas';
import { driftHistorySchema, driftPageQuerySchema } from './drift-schemas';
import { runRecordSchema, versionRecordSchema } from './record-schemas';
import type { RouteSpec } from './route-spec';

/** The registry and monitoring reads (the predict role). */
export const READ_ROUTES = {
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
    responses: { 200: { description: 'one page', schema: pageOf(versionRecordSchema) } },
    errors: [400, 401, 404],
  },
  getVersion: {
    name: 'getVersion',
    method: 'GET',
    route: 'models/{model}/versions/{version}',
    access: 'predict',
    summary: 'One version record',
    responses: { 200: { description: 'the version', schema: versionRecordSchema } },
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
    responses: { 200: { description: 'one page', schema: pageOf(runRecordSchema) } },
    errors: [400, 401, 404],
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
} as const satisfies Record<string, RouteSpec>;
