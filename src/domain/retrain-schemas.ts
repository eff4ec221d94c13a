import { z } from 'zod';

/** `POST /models/{model}/retrain` body; optional as a whole. */
export const retrainBodySchema = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe('why, for the run lineage; default "asked by hand"'),
  })
  .strict();

/** `POST /models/{model}/retrain` answer (202): the request sent. */
export const retrainDecisionSchema = z.object({
  sent: z.literal(true),
  trigger: z
    .enum(['drift', 'live_error', 'manual'])
    .describe('manual, unless an earlier ask left unsent was sent in its place'),
  reason: z.string(),
  requestedAt: z.string().describe('when the cooldown slot opened; the retrain data blob is named after it'),
});
