import type { z } from 'zod';
import { parseWithSchema } from '../../parse-with-schema';

/**
 * Validates a request body with its schema: AppError 'invalid' (400) with code `bad_request`,
 * naming every bad field by its dotted path (e.g. `items.3.actual`).
 */
export function parseBody<T>(schema: z.ZodType<T>, input: unknown, label: string): T {
  return parseWithSchema(schema, input, { code: 'bad_request', label, root: '(body)' });
}
