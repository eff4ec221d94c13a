import type { z } from 'zod';
import { AppError } from './errors';

/** One problem in a document: the dotted path of the field and what is wrong with it. */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/**
 * How a refused document is named in errors: its error code, a label such as "model spec" or
 * "sidecar taxi/m.json", and what a problem with the whole document is called.
 */
export interface DocumentKind {
  readonly code: string;
  readonly label: string;
  readonly root: string;
}

/**
 * Validates a parsed document against its schema and fills its defaults; when it is refused,
 * an AppError 'invalid' lists every bad field in its message and in details.issues.
 */
export function parseWithSchema<T>(schema: z.ZodType<T>, input: unknown, kind: DocumentKind): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : kind.root,
    message: issue.message,
  }));
  const summary = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  throw new AppError('invalid', kind.code, `Invalid ${kind.label}: ${summary}`, { issues });
}

/** Parses JSON text; text that is not JSON is an AppError 'invalid' saying so. */
export function parseJsonText(text: string, kind: DocumentKind): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('invalid', kind.code, `Invalid ${kind.label}: not JSON (${reason})`);
  }
}

/**
 * Validates a request body with its schema: AppError 'invalid' (400) with code `bad_request`,
 * naming every bad field by its dotted path (e.g. `items.3.actual`).
 */
export function parseBody<T>(schema: z.ZodType<T>, input: unknown, label: string): T {
  return parseWithSchema(schema, input, { code: 'bad_request', label, root: '(body)' });
}
