/**
 * A compiled HTTP route template in the host's (ASP.NET) syntax: literal segments,
 * `{name}`, optional `{name?}`, constrained `{name:int}` / `{name:regex(...)}` and catch-all
 * `{*name}`. Matching is case-insensitive on literals, as in the host.
 */
export interface RouteTemplate {
  readonly template: string;
  /** Higher sorts first: literal segments beat parameters, which beat optional and catch-all. */
  readonly precedence: number[];
  match(path: string): Record<string, string> | undefined;
}

interface Segment {
  literal?: string;
  param?: { name: string; optional: boolean; catchAll: boolean; constraint?: (v: string) => boolean };
}

const CONSTRAINTS: Record<string, (v: string) => boolean> = {
  int: (v) => /^-?\d+$/.test(v),
  long: (v) => /^-?\d+$/.test(v),
  bool: (v) => /^(true|false)$/i.test(v),
  guid: (v) => /^[0-9a-f]{8}-?([0-9a-f]{4}-?){3}[0-9a-f]{12}$/i.test(v),
  alpha: (v) => /^[a-z]+$/i.test(v),
  double: (v) => v.trim() !== '' && Number.isFinite(Number(v)),
  float: (v) => v.trim() !== '' && Number.isFinite(Number(v)),
  decimal: (v) => v.trim() !== '' && Number.isFinite(Number(v)),
};

/** Compiles `template` (without the route prefix); unknown constraints are accepted and ignored. */
export function compileRoute(template: string): RouteTemplate {
  const segments = template
    .split('/')
    .filter((s) => s !== '')
    .map(parseSegment);
  const precedence = segments.map((s) =>
    s.literal !== undefined ? 5 : s.param!.catchAll ? 1 : s.param!.optional ? 2 : s.param!.constraint ? 4 : 3,
  );
  return {
    template,
    precedence,
    match: (path) =>
      matchSegments(
        segments,
        path.split('/').filter((s) => s !== ''),
      ),
  };
}

/** Orders routes so the most specific is tried first, as ASP.NET routing does. */
export function compareRoutes(a: RouteTemplate, b: RouteTemplate): number {
  const n = Math.max(a.precedence.length, b.precedence.length);
  for (let i = 0; i < n; i++) {
    const d = (b.precedence[i] ?? 0) - (a.precedence[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function parseSegment(text: string): Segment {
  const m = /^\{(\*{1,2})?([A-Za-z_][\w-]*)(?::([^?}]*(?:\([^)]*\))?))?(\?)?\}$/.exec(text);
  if (!m) return { literal: decodeURIComponent(text).toLowerCase() };
  const [, star, name, constraintText, optional] = m;
  const constraintName = constraintText?.replace(/\(.*$/, '').toLowerCase();
  let constraint = constraintName ? CONSTRAINTS[constraintName] : undefined;
  if (constraintName === 'regex') {
    const pattern = new RegExp(/\((.*)\)/.exec(constraintText!)?.[1] ?? '.*', 'i');
    constraint = (v) => pattern.test(v);
  }
  return { param: { name: name!, optional: Boolean(optional), catchAll: Boolean(star), constraint } };
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  let i = 0;
  for (const segment of segments) {
    const part = parts[i];
    if (segment.literal !== undefined) {
      if (part === undefined || safeDecode(part).toLowerCase() !== segment.literal) return undefined;
      i++;
      continue;
    }
    const param = segment.param!;
    if (param.catchAll) {
      const rest = parts.slice(i).map(safeDecode).join('/');
      if (rest !== '') params[param.name] = rest;
      return params;
    }
    if (part === undefined) {
      if (param.optional) continue;
      return undefined;
    }
    const value = safeDecode(part);
    if (param.constraint && !param.constraint(value)) return undefined;
    params[param.name] = value;
    i++;
  }
  return i === parts.length ? params : undefined;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
