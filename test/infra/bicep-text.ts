// Small, targeted readers of Bicep text: enough to compare infra/ with the code, not a parser.
// They understand strings (with ${...} interpolation), comments and nested brackets, so a
// brace inside a string or a comment never ends a block.

const OPEN = new Set(['{', '[', '(']);
const CLOSE = new Set(['}', ']', ')']);

/**
 * Walks text from `start`, calling `visit(i, depth)` for each character of code (not strings or
 * comments) with its bracket depth relative to `start`. Stops when `visit` returns true.
 */
function walkCode(
  text: string,
  start: number,
  visit: (i: number, depth: number) => boolean | void,
  onComment: (start: number, end: number) => void = () => undefined,
): void {
  const stack: string[] = [];
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (stack.at(-1) === "'") {
      if (c === '\\') i++;
      else if (c === "'") stack.pop();
      else if (c === '$' && text[i + 1] === '{') {
        stack.push('${');
        i++;
      }
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      const newline = text.indexOf('\n', i);
      onComment(i, newline < 0 ? text.length : newline);
      if (newline < 0) return;
      i = newline - 1; // the newline itself is code: it separates items
      continue;
    }
    if (c === "'") {
      stack.push("'");
      continue;
    }
    if (CLOSE.has(c)) stack.pop();
    if (visit(i, stack.length)) return;
    if (OPEN.has(c)) stack.push(c);
  }
}

/** The balanced block ({...} or [...]) opening at `open`, brackets included. */
function balancedAt(text: string, open: number): string {
  let end = -1;
  walkCode(text, open, (i, depth) => {
    if (i > open && depth === 0 && CLOSE.has(text[i]!)) {
      end = i;
      return true;
    }
  });
  if (end < 0) throw new Error(`unbalanced block at offset ${open}: ${text.slice(open, open + 60)}...`);
  return text.slice(open, end + 1);
}

/** The expression declared by `var name =` or `param name <type> =` (its default), or undefined. */
export function declared(text: string, kind: 'var' | 'param', name: string): string | undefined {
  const head = new RegExp(`^${kind} ${name}\\b[^=\\n]*=[ \\t]*`, 'm').exec(text);
  if (!head) return undefined;
  const at = head.index + head[0].length;
  if (text[at] === '{' || text[at] === '[') return balancedAt(text, at);
  return text.slice(at, text.indexOf('\n', at) < 0 ? undefined : text.indexOf('\n', at)).trim();
}

/** The values of `@allowed([...])` on `param name`, or undefined when it has none. */
export function allowedValues(text: string, name: string): string[] | undefined {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => new RegExp(`^param ${name}\\b`).test(l));
  if (at < 0) return undefined;
  for (let i = at - 1; i >= 0 && lines[i]!.startsWith('@'); i--) {
    if (lines[i]!.startsWith('@allowed(')) return stringLiterals(lines[i]!);
  }
  return undefined;
}

/** The body of `module <symbol> '<path>' = {...}` or `resource <symbol> '<type>' = ...`. */
export function declarationBlock(
  text: string,
  kind: 'module' | 'resource',
  symbol: string,
): string | undefined {
  const head = new RegExp(`^${kind} ${symbol} '[^']+'(?: existing)? = (?:\\[|\\{|if)`, 'm').exec(text);
  if (!head) return undefined;
  const open = text.slice(head.index).search(/[[{]/) + head.index;
  return balancedAt(text, open);
}

/** `key: value` pairs at the top level of an object literal `{...}` (values as written). */
export function objectEntries(block: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const part of topLevelParts(block)) {
    const colon = part.indexOf(':');
    if (colon < 0) continue;
    const key = part
      .slice(0, colon)
      .trim()
      .replace(/^'(.*)'$/, '$1');
    entries.set(key, part.slice(colon + 1).trim());
  }
  return entries;
}

/** Items of an object or array literal at its top level, split on newlines and commas. */
export function topLevelParts(block: string): string[] {
  const parts: string[] = [];
  let from = 1;
  walkCode(block, 0, (i, depth) => {
    const c = block[i]!;
    const ends = (depth === 1 && (c === '\n' || c === ',')) || (depth === 0 && i > 0 && CLOSE.has(c));
    if (ends) {
      const part = withoutComments(block.slice(from, i)).trim();
      if (part) parts.push(part);
      from = i + 1;
    }
  });
  return parts;
}

/** The text without its // comments (a // inside a string, as in a URL, stays). */
export function withoutComments(text: string): string {
  let out = '';
  let from = 0;
  walkCode(
    text,
    0,
    () => undefined,
    (start, end) => {
      out += text.slice(from, start);
      from = end;
    },
  );
  return out + text.slice(from);
}

/** Every plain string literal ('...' without interpolation) in the text, in order. */
export function stringLiterals(text: string): string[] {
  return [...text.matchAll(/'((?:[^'\\$]|\\.|\$(?!\{))*)'/g)].map((m) => m[1]!);
}

/** The literal a value stands for: 'text' itself, or a var declared as one; undefined when computed. */
export function literalValue(text: string, value: string): string | undefined {
  const literal = /^'((?:[^'\\$]|\\.|\$(?!\{))*)'$/.exec(value);
  if (literal) return literal[1];
  if (/^\w+$/.test(value)) {
    const declaredAs = declared(text, 'var', value);
    return declaredAs === undefined ? undefined : literalValue(text, declaredAs);
  }
  return undefined;
}
