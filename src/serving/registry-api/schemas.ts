import { z } from 'zod';
import { ALIAS_NAMES } from '../../domain/alias';
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
  versionCount: z.number().int(),
  latestVersion: z.number().int().optional(),
  statusCounts: z.partialRecord(z.enum(VERSION_STATUSES), z.number().int()),
  spec: specDocumentSchema
    .optional()
    .describe('absent when the spec lives only in datasets/{model}/model.json'),
});
export type ModelSummaryView = z.infer<typeof modelSummarySchema>;
