// A small evaluator of ARM template expressions ("[format('{0}', parameters('x'))]"), enough to
// read the compiled templates the way Azure would for what the tests compare: names, settings,
// scopes, role ids. What only Azure knows (reference(), listKeys(), subscription()) stays an
// Opaque value carrying readable text, e.g. `module:identity.outputs.clientId.value`.

export class Opaque {
  constructor(readonly text: string) {}
}

export type Value = string | number | boolean | null | Opaque | Value[] | { [key: string]: Value };

/** What an expression can see: the template's parameters and variables and the loop indexes. */
export interface Scope {
  parameter(name: string): Value;
  variable(name: string): Value;
  copyIndex(loop?: string): number;
}

type Node =
  | { kind: 'literal'; value: Value }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'member'; target: Node; key: Node };

/** Parses the inside of "[...]" into a tree. */
export function parseExpression(text: string): Node {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`ARM expression: ${what} at ${i} of ${text}`);
  };
  const space = () => {
    while (text[i] === ' ') i++;
  };
  const primary = (): Node => {
    space();
    if (text[i] === "'") {
      let s = '';
      for (i++; ; i++) {
        if (i >= text.length) fail('unterminated string');
        if (text[i] === "'") {
          if (text[i + 1] !== "'") break;
          i++;
        }
        s += text[i];
      }
      i++;
      return { kind: 'literal', value: s };
    }
    const number = /^-?\d+/.exec(text.slice(i));
    if (number) {
      i += number[0].length;
      return { kind: 'literal', value: Number(number[0]) };
    }
    const name = /^[A-Za-z_][\w.]*/.exec(text.slice(i))?.[0] ?? fail('expected a name');
    i += name.length;
    space();
    const constant = name === 'true' ? true : name === 'false' ? false : name === 'null' ? null : undefined;
    if (constant !== undefined && text[i] !== '(') return { kind: 'literal', value: constant };
    if (text[i] !== '(') fail(`expected ( after ${name}`);
    i++;
    const args: Node[] = [];
    space();
    while (text[i] !== ')') {
      args.push(expression());
      space();
      if (text[i] === ',') i++;
      else if (text[i] !== ')') fail('expected , or )');
    }
    i++;
    return { kind: 'call', name: name.toLowerCase(), args };
  };
  const expression = (): Node => {
    let node = primary();
    for (;;) {
      space();
      if (text[i] === '.') {
        i++;
        const key = /^\w+/.exec(text.slice(i))?.[0] ?? fail('expected a property');
        i += key.length;
        node = { kind: 'member', target: node, key: { kind: 'literal', value: key } };
      } else if (text[i] === '[') {
        i++;
        const key = expression();
        space();
        if (text[i++] !== ']') fail('expected ]');
        node = { kind: 'member', target: node, key };
      } else return node;
    }
  };
  const node = expression();
  space();
  if (i !== text.length) fail('unexpected text');
  return node;
}

const show = (v: Value): string =>
  v instanceof Opaque ? `«${v.text}»` : typeof v === 'string' ? v : JSON.stringify(v);
/** The text of a value, an Opaque's without its «» marks. */
const textOf = (v: Value): string => (v instanceof Opaque ? v.text : show(v));
const isOpaque = (v: Value): v is Opaque => v instanceof Opaque;
const isObject = (v: Value): v is { [key: string]: Value } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Opaque);

/** The canonical id of a resource type and its names: A/B/C + [x, y] -> A/B/x/C/y. */
function typedId(type: string, names: Value[]): string {
  const [namespace, ...types] = type.split('/');
  return [namespace, ...types.flatMap((t, k) => [t, show(names[k] ?? '?')])].join('/');
}

const ENVIRONMENT: Value = {
  name: 'AzureCloud',
  suffixes: { storage: 'core.windows.net' },
  authentication: { loginEndpoint: 'https://login.microsoftonline.com/' },
};

function call(name: string, a: Value[], scope: Scope): Value {
  const opaqueCall = () => new Opaque(`${name}(${a.map(show).join(', ')})`);
  switch (name) {
    case 'true':
    case 'false':
      return name === 'true';
    case 'null':
      return null;
    case 'parameters':
      return scope.parameter(String(a[0]));
    case 'variables':
      return scope.variable(String(a[0]));
    case 'copyindex': {
      const loop = typeof a[0] === 'string' ? a[0] : undefined;
      const offset = typeof a[0] === 'number' ? a[0] : typeof a[1] === 'number' ? a[1] : 0;
      return scope.copyIndex(loop) + offset;
    }
    case 'environment':
      return ENVIRONMENT;
    case 'subscription':
    case 'tenant':
    case 'resourcegroup':
    case 'deployment':
      return new Opaque(`${name}()`);
    case 'reference': {
      const id = show(a[0] ?? '');
      const module = /Microsoft\.Resources\/deployments\/([^/»]+)$/.exec(id)?.[1];
      return new Opaque(module ? `module:${module}` : `reference(${id})`);
    }
  }
  if (name.startsWith('list')) return opaqueCall();
  if (name === 'resourceid' || name === 'subscriptionresourceid' || name === 'tenantresourceid') {
    const at = a.findIndex((v) => typeof v === 'string' && v.includes('/'));
    const prefix = name === 'subscriptionresourceid' ? '/subscriptions/«sub»/providers/' : '';
    return `${prefix}${typedId(String(a[at]), a.slice(at + 1))}`;
  }
  if (name === 'extensionresourceid') return `${show(a[0]!)}/providers/${typedId(String(a[1]), a.slice(2))}`;
  if (name === 'format') {
    const text = String(show(a[0]!)).replace(/\{(\d+)(?::[^}]*)?\}/g, (_, k: string) =>
      show(a[Number(k) + 1]!),
    );
    return a.some(isOpaque) ? new Opaque(text) : text;
  }
  // A stand-in of the real hash's length, so generated names read like Azure's.
  if (name === 'uniquestring') return 'u0000000000000';
  // Structure is known even when what it holds is not.
  if (name === 'createarray') return a;
  if (name === 'createobject')
    return Object.fromEntries(a.flatMap((v, k) => (k % 2 ? [] : [[show(v), a[k + 1]!]])));
  if (name === 'if') return isOpaque(a[0]!) ? opaqueCall() : a[0] ? a[1]! : a[2]!;
  if (name === 'coalesce') return a.find((v) => v !== null) ?? null;
  if (name === 'trysget' || name === 'tryget') {
    if (isOpaque(a[0]!)) return new Opaque(`${a[0].text}.${show(a[1]!)}`);
    return isObject(a[0]!) ? (a[0][String(a[1])] ?? null) : null;
  }
  // What only Azure knows here are resource properties and ids: never empty.
  if (name === 'empty' && isOpaque(a[0]!)) return false;
  if (a.some(isOpaque)) return opaqueCall();
  switch (name) {
    case 'concat':
      return Array.isArray(a[0]) ? a.flatMap((v) => v as Value[]) : a.map(show).join('');
    case 'union':
      return Array.isArray(a[0])
        ? [...new Set(a.flatMap((v) => v as Value[]))]
        : Object.assign({}, ...(a as object[]));
    case 'length':
      return Array.isArray(a[0]) || typeof a[0] === 'string'
        ? a[0].length
        : Object.keys(a[0] as object).length;
    case 'empty':
      return (
        a[0] === null ||
        a[0] === '' ||
        (Array.isArray(a[0]) ? a[0].length === 0 : isObject(a[0]!) && Object.keys(a[0]).length === 0)
      );
    case 'not':
      return !a[0];
    case 'and':
      return a.every(Boolean);
    case 'or':
      return a.some(Boolean);
    case 'equals':
      return JSON.stringify(a[0]) === JSON.stringify(a[1]);
    case 'tolower':
      return String(a[0]).toLowerCase();
    case 'toupper':
      return String(a[0]).toUpperCase();
    case 'take':
      return Array.isArray(a[0]) ? a[0].slice(0, Number(a[1])) : String(a[0]).slice(0, Number(a[1]));
    case 'replace':
      return String(a[0]).split(String(a[1])).join(String(a[2]));
    case 'split':
      return String(a[0]).split(String(a[1]));
    case 'string':
      return show(a[0]!);
    case 'range':
      return Array.from({ length: Number(a[1]) }, (_, k) => Number(a[0]) + k);
    case 'mul':
      return Number(a[0]) * Number(a[1]);
    case 'add':
      return Number(a[0]) + Number(a[1]);
    case 'sub':
      return Number(a[0]) - Number(a[1]);
    case 'div':
      return Math.trunc(Number(a[0]) / Number(a[1]));
    case 'mod':
      return Number(a[0]) % Number(a[1]);
    case 'guid':
      return `${name}(${a.map(show).join(',')})`;
  }
  return opaqueCall();
}

function evaluateNode(node: Node, scope: Scope): Value {
  if (node.kind === 'literal') return node.value;
  if (node.kind === 'call')
    return call(
      node.name,
      node.args.map((arg) => evaluateNode(arg, scope)),
      scope,
    );
  const target = evaluateNode(node.target, scope);
  const key = evaluateNode(node.key, scope);
  if (isOpaque(target)) return new Opaque(`${target.text}.${show(key)}`);
  if (Array.isArray(target) && typeof key === 'number') return target[key] ?? null;
  if (isObject(target) && typeof key === 'string' && key in target) return target[key]!;
  throw new Error(`ARM expression: no ${show(key)} in ${show(target)}`);
}

/** A template value with every "[...]" string (keys too) evaluated; "[[" escapes a bracket. */
export function evaluate(value: unknown, scope: Scope): Value {
  if (typeof value === 'string') {
    if (value.startsWith('[[')) return value.slice(1);
    if (value.startsWith('[') && value.endsWith(']'))
      return evaluateNode(parseExpression(value.slice(1, -1)), scope);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => evaluate(v, scope));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [show(evaluate(k, scope)), evaluate(v, scope)]),
    );
  return value as Value;
}

export { isObject, isOpaque, show, textOf };
