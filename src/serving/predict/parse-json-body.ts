import { AppError } from '../../errors';

// Python's json.dumps writes NaN, Infinity and -Infinity as bare tokens (so do MLflow clients).
// They are not JSON, but refusing them as "invalid JSON" would hide which row and field carry
// them: they are parsed to numbers here and refused field by field as not finite.
const SPECIAL = /("(?:[^"\\]|\\.)*")|(-?Infinity|NaN)/g;
const MARK = '\u0000special:';

/** Parses a predict body; AppError 400 'invalid_json' with the parser's reason when it is not JSON. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    if (/NaN|Infinity/.test(text)) {
      const marked = text.replace(SPECIAL, (m, str: string | undefined) => str ?? `"\\u0000special:${m}"`);
      try {
        return JSON.parse(marked, (_key, value: unknown) =>
          typeof value === 'string' && value.startsWith(MARK) ? Number(value.slice(MARK.length)) : value,
        );
      } catch {
        // Fall through to the original parser message.
      }
    }
    const reason = err instanceof Error ? err.message : String(err);
    throw new AppError('invalid', 'invalid_json', `The body is not valid JSON: ${reason}`);
  }
}
