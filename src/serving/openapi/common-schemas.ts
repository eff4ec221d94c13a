import { z } from 'zod';

/** The contract's error body: `{error: {code, message, details?}}`. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe('stable, machine-readable, e.g. bad_request, version_not_found'),
    message: z.string().describe('what is wrong, in words a user can act on'),
    details: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('for 400s, issues: [{field, message}] naming each offending field'),
  }),
});

/** A JSON object whose fields the document does not spell out (see the linked record types). */
export const looseObject = (description: string): z.ZodType =>
  z.object({}).catchall(z.unknown()).describe(description);

/** One page of a list. */
export const pageOf = (item: z.ZodType): z.ZodType =>
  z.object({
    items: z.array(item),
    continuationToken: z.string().optional().describe('absent on the last page'),
  });

/** `?pageSize=&continuationToken=` of every list. */
export const pageQuerySchema = z.object({
  pageSize: z.number().int().min(1).max(100).optional().describe('default 20, at most 100'),
  continuationToken: z.string().optional().describe('from the previous page'),
});

/** `?version=N` of predict. */
export const versionQuerySchema = z.object({
  version: z.number().int().min(1).optional().describe('pin a version; default the production alias'),
});
