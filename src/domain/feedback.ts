import { z } from 'zod';

/** The monitoring kind feedback documents are listed by (the live-error monitor reads it). */
export const FEEDBACK_KIND = 'feedback';

/**
 * The id of the one document per (request, row): posting the same item again replaces it (a
 * correction wins), never adds a second one.
 */
export const feedbackId = (requestId: string, row: number): string => `feedback:${requestId}:${row}`;

/** Most items one feedback request may carry; more is a 413 (send several requests). */
export const MAX_FEEDBACK_ITEMS = 1000;

// Request ids become part of document ids: Cosmos refuses '/', '\', '?' and '#' there.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** One observed outcome: the prediction of `row` in request `requestId` should have been `actual`. */
export const feedbackItemSchema = z
  .object({
    requestId: z
      .string()
      .regex(REQUEST_ID, "1-128 letters, digits, '.', '_', ':' or '-' (the requestId a prediction answered)")
      .describe('the requestId of the prediction answer'),
    row: z.number().int().min(0).default(0).describe('0-based row of that request; default 0'),
    actual: z
      .union([z.number(), z.string().min(1), z.boolean()], {
        error: (issue) =>
          issue.input === undefined
            ? 'required: the true value of the predicted row'
            : 'expected a number, a non-empty label or a boolean',
      })
      .describe('the true value: a number for regression, the label for classifiers'),
  })
  .strict();

/** `POST /models/{model}/feedback` body. */
export const feedbackBodySchema = z
  .object({ items: z.array(feedbackItemSchema).min(1).max(MAX_FEEDBACK_ITEMS) })
  .strict();
export type FeedbackBody = z.infer<typeof feedbackBodySchema>;
export type FeedbackItem = z.infer<typeof feedbackItemSchema>;

/** `POST /models/{model}/feedback` answer. */
export const feedbackResultSchema = z.object({
  model: z.string(),
  stored: z.number().int().describe('items stored (a re-posted item replaces its earlier value)'),
});
