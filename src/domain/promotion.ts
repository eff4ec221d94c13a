import { z } from 'zod';

/** `POST /models/{model}/aliases/production` body. */
export const promoteBodySchema = z
  .object({
    version: z.number().int().min(1).describe('the version to put in production'),
    reason: z.string().min(1).max(500).optional().describe('why, kept on the alias and the version'),
  })
  .strict();
export type PromoteBody = z.infer<typeof promoteBodySchema>;

/** Answer of a promotion or rollback. */
export const promotionResultSchema = z.object({
  model: z.string(),
  alias: z.literal('production'),
  version: z.number().int(),
  previous: z.number().int().optional(),
  action: z.enum(['promotion', 'rollback', 'unchanged']),
  etag: z.string(),
});
export type PromotionResult = z.infer<typeof promotionResultSchema>;
