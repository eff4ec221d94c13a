import { AppError } from '../../errors';

// Python's json.dumps writes NaN, Infinity and -Infinity as bare tokens (so do MLflow clients).
// They are not JSON, but refusing them as "invalid JSON" would hide which row and field carry
// them: they are parsed to numbers here and refused field by field as not finite.
const SPECIAL = /("(?:[^"\\]|\\.)*")|(-?Infinity|NaN)/g;
const MARK = '\u0000special:';

/** A parsed predict body; `strict` when it was plain JSON (no NaN or Infinity tokens). */
export interface ParsedBody {
  readonly value: unknown;
  readonly strict: boolean;
}

/**
 * Parses a predict body, telling whether it was plain JSON; AppError 400 'invalid_json' with the
 * parser's reason when it is not JSON.
 */
export function parseBody(text: string): ParsedBody {
  try {
    return { value: JSON.parse(text), strict: true };
  } catch (err) {
    if (/NaN|Infinity/.test(text)) {
      const marked = text.replace(SPECIAL, (m, str: string | undefined) => str ?? `"\\u0000special:${m}"`);
      try {
        const value: unknown = JSON.parse(marked, (_key, v: unknown) =>
          typeof v === 'string' && v.startsWith(MARK) ? Number(v.slice(MARK.length)) : v,
        );
        return { value, strict: false };
      } catch {
        // Fall through to the original parser message.
      }
    }
    const reason = err instanceof Error ? err.message : String(err);
    throw new AppError('invalid', 'invalid_json', `The body is not valid JSON: ${reason}`);
  }
}
