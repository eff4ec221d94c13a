import { z } from 'zod';
import { ALIAS_NAMES, DEPLOYMENT_MODES } from '../../domain/alias';
import { VERSION_STATUSES } from '../../domain/model-version';
import { RUN_STATUSES } from '../../domain/run';

// The promotion route's schemas are contracts of the promote use case.
export { promoteBodySchema, promotionResultSchema } from '../../domain/promotion';

// Request and response schemas of the registry API: requests are validated with them and the
// OpenAPI document is generated from them, so the two cannot drift apart.

/** The production alias as answered by the API. */
export const aliasSchema = z.object({
  name: z.enum(ALIAS_NAMES),
  version: z.number().int(),
  updatedAt: z.string(),
  reason: z.string().optional(),
  etag: z.string().describe('pass back as If-Match to promote only if the alias is unchanged'),
});

/** How the challenger meets traffic, as the challenger alias carries it. */
export const challengerTrialSchema = z.object({
  mode: z.enum(DEPLOYMENT_MODES),
  share: z.number().optional().describe('canary: the share of requests the challenger answers'),
  since: z.string(),
  against: z.number().int().nullable().describe('the production version when the trial started'),
  origin: z.enum(['deployment', 'retrain', 'manual']),
});

/** The challenger alias as answered by the API. */
export const challengerAliasSchema = aliasSchema.extend({
  trial: challengerTrialSchema,
});

/** Answer of `POST /models/{model}/aliases/challenger`. */
export const challengerResultSchema = challengerAliasSchema.extend({ model: z.string() });

/** Answer of `DELETE /models/{model}/aliases/challenger`. */
export const challengerRetiredSchema = z.object({
  model: z.string(),
  alias: z.literal('challenger'),
  version: z.number().int().describe('the version retired: back to validated'),
  outcome: z.literal('retired'),
});

/** One model in `GET /models`. */
export const modelListItemSchema = z.object({
  model: z.string(),
  latestVersion: z
    .number()
    .int()
    .describe('0 while the model has no version (a spec only, or runs that all failed)'),
  versionCount: z.number().int(),
  productionVersion: z.number().int().optional(),
  latestRun: z
    .object({
      id: z.string(),
      status: z.enum(RUN_STATUSES),
      queuedAt: z.string(),
      finishedAt: z.string().optional(),
      error: z.object({ code: z.string(), message: z.string() }).optional().describe('why it failed'),
    })
    .optional()
    .describe('the newest run by queue time, absent before the first'),
  updatedAt: z.string(),
});

/** `GET /models` answer: one page, in name order. */
export const modelListSchema = z.object({
  items: z.array(modelListItemSchema),
  continuationToken: z.string().optional(),
});

/** The stored spec: the document as written by its author (defaults are filled when it is used). */
export const specDocumentSchema = z.object({
  model: z.string(),
  spec: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
  etag: z.string().describe('send as If-Match to replace only this spec'),
});

/** `GET /models/{model}` answer. */
export const modelSummarySchema = z.object({
  model: z.string(),
  production: aliasSchema.optional().describe('absent until a version is promoted'),
  challenger: challengerAliasSchema
    .optional()
    .describe('the version on trial beside production (shadow or canary); absent when none'),
  versionCount: z.number().int(),
  latestVersion: z.number().int().optional(),
  statusCounts: z.partialRecord(z.enum(VERSION_STATUSES), z.number().int()),
  spec: specDocumentSchema
    .optional()
    .describe('absent when the spec lives only in datasets/{model}/model.json'),
});
export type ModelSummaryView = z.infer<typeof modelSummarySchema>;
