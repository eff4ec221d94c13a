import { notJson } from '../http/json-body';

// Python's json.dumps writes NaN, Infinity and -Infinity as bare tokens (so do MLflow clients).
// They are not JSON, but refusing them as "invalid JSON" would hide which row and field carry
// them: they are parsed to numbers here and refused field by field as not finite.
const MARK = '\u0000special:';
/** The marker as a JSON string escape, so JSON.parse yields MARK + the token. */
const MARK_JSON = '\\u0000special:';
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** A parsed predict body; `strict` when it was plain JSON (no NaN or Infinity tokens). */
export interface ParsedBody {
  readonly value: unknown;
  readonly strict: boolean;
}

/**
 * Parses a predict body, telling whether it was plain JSON; AppError 400 'invalid_json' with the
 * parser's reason when it is not JSON (as every JSON route answers).
 */
export function parseBody(text: string): ParsedBody {
  try {
    return { value: JSON.parse(text), strict: true };
  } catch (err) {
    if (/NaN|Infinity/.test(text)) {
      const marked = markSpecialTokens(text);
      try {
        const value: unknown = JSON.parse(marked, (_key, v: unknown) =>
          typeof v === 'string' && v.startsWith(MARK) ? Number(v.slice(MARK.length)) : v,
        );
        return { value, strict: false };
      } catch {
        // Fall through to the original parser message.
      }
    }
    throw notJson(err);
  }
}

/**
 * The text with each NaN, Infinity and -Infinity outside a string replaced by a marked string.
 * One pass over the text: a regular expression with a string alternative rescans to the end
 * from every quote of an unterminated string, which is quadratic in hostile bodies.
 */
function markSpecialTokens(text: string): string {
  const parts: string[] = [];
  let last = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) i++;
        else if (d === QUOTE) break;
      }
      i++;
      continue;
    }
    const token = specialTokenAt(text, i, c);
    if (token === undefined) {
      i++;
      continue;
    }
    parts.push(text.slice(last, i), `"${MARK_JSON}${token}"`);
    i += token.length;
    last = i;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

function specialTokenAt(text: string, i: number, c: number): string | undefined {
  if (c === 0x4e /* N */ && text.startsWith('NaN', i)) return 'NaN';
  if (c === 0x49 /* I */ && text.startsWith('Infinity', i)) return 'Infinity';
  if (c === 0x2d /* - */ && text.startsWith('-Infinity', i)) return '-Infinity';
  return undefined;
}
