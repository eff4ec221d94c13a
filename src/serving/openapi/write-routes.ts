import { retrainBodySchema, retrainDecisionSchema } from '../../domain/retrain-schemas';
import { modelSpecSchema } from '../../domain/spec/model-spec';
import { feedbackBodySchema, feedbackResultSchema } from '../../domain/feedback';
import { challengerBodySchema, retireChallengerBodySchema } from '../../domain/trial';
import {
  challengerResultSchema,
  challengerRetiredSchema,
  promoteBodySchema,
  promotionResultSchema,
  specDocumentSchema,
} from '../registry-api/schemas';
import { versionQuerySchema } from './common-schemas';
import { predictRequestSchema, predictResponseSchema } from './predict-schemas';
import type { RouteSpec } from './route-spec';

/** Predictions, ground truth and the operator's changes: promotion, spec, retrain. */
export const WRITE_ROUTES = {
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
  setProductionAlias: {
    name: 'setProductionAlias',
    method: 'POST',
    route: 'models/{model}/aliases/production',
    access: 'operate',
    summary:
      'Promote or roll back: point production at a validated, challenger or archived version (ETag compare-and-swap)',
    headers: { 'If-Match': 'the alias ETag read from GET /models/{model}: act only if it is unchanged' },
    body: promoteBodySchema,
    responses: { 200: { description: 'production points at the version', schema: promotionResultSchema } },
    errors: [400, 401, 403, 404, 409, 413, 415],
  },
  setChallengerAlias: {
    name: 'setChallengerAlias',
    method: 'POST',
    route: 'models/{model}/aliases/challenger',
    access: 'operate',
    summary:
      'Put a validated version on trial beside production: shadow (scored, never answers) or canary (answers a share)',
    body: challengerBodySchema,
    responses: { 200: { description: 'the challenger alias and its trial', schema: challengerResultSchema } },
    errors: [400, 401, 403, 404, 409, 413, 415],
  },
  retireChallenger: {
    name: 'retireChallenger',
    method: 'DELETE',
    route: 'models/{model}/aliases/challenger',
    access: 'operate',
    summary: "End the challenger's trial by hand: its version goes back to validated",
    body: retireChallengerBodySchema,
    responses: { 200: { description: 'retired', schema: challengerRetiredSchema } },
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
    headers: {
      'If-Match': "the spec's ETag read from GET /models/{model} or a previous PUT: replace only that spec",
      'If-None-Match': '*: store only if the model has no spec yet',
    },
    body: modelSpecSchema,
    responses: { 200: { description: 'stored as written; ETag header', schema: specDocumentSchema } },
    errors: [400, 401, 403, 409, 413, 415],
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
} as const satisfies Record<string, RouteSpec>;
