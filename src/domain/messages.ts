import { z } from 'zod';
import { AppError } from '../errors';

/**
 * Queue message bodies of the loop. Each carries `schema` (its version) so a consumer can refuse
 * or upgrade a shape it does not know; each names the model and the run it belongs to, which is
 * what makes every step idempotent.
 */
const base = { schema: z.literal(1), model: z.string().min(1) };

export const validateRequestSchema = z.object({
  ...base,
  kind: z.literal('validate'),
  runId: z.string().min(1),
  source: z.enum(['trained', 'uploaded']).describe('trained by the pipeline or a bring-your-own ONNX upload'),
  version: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('the candidate version; default: the one the run reserved'),
});

export const registerRequestSchema = z.object({
  ...base,
  kind: z.literal('register'),
  runId: z.string().min(1),
  passed: z.boolean(),
  reasons: z.array(z.string()),
  version: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('the candidate version; default: the one the run reserved'),
  championVersion: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('the production version the candidate was compared with; absent when there was none'),
});

export const driftRequestSchema = z.object({
  ...base,
  kind: z.literal('drift'),
  version: z.number().int().min(1),
  requestedAt: z.string(),
});

export const retrainRequestSchema = z.object({
  ...base,
  kind: z.literal('retrain'),
  trigger: z.enum(['drift', 'live_error', 'manual']).optional().describe('what asked; default drift'),
  reason: z.string().min(1),
  driftReportId: z.string().optional(),
  requestedAt: z.iso
    .datetime()
    .describe('when the cooldown slot opened; with the model, the idempotency key of the request'),
});

export type ValidateRequest = z.infer<typeof validateRequestSchema>;
export type RegisterRequest = z.infer<typeof registerRequestSchema>;
export type DriftRequest = z.infer<typeof driftRequestSchema>;
export type RetrainRequest = z.infer<typeof retrainRequestSchema>;

/**
 * Converts a trigger's message into a typed command. A malformed message is a data error: it
 * will never parse, so it fails at once instead of being retried.
 */
export function parseMessage<T>(schema: z.ZodType<T>, queue: string, body: unknown): T {
  const value = typeof body === 'string' ? tryJson(body) : body;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`)
    .join('; ');
  throw new AppError('invalid', 'bad_message', `Malformed ${queue} message: ${problems}`);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
