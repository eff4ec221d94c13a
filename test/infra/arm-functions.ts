// The ARM template functions the compiled templates use, evaluated on known values; anything
// else, or a call on a value only Azure knows, stays Opaque with its text.
import { Opaque, isObject, isOpaque, show, type Scope, type Value } from './arm-value';

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

export function call(name: string, display: string, a: Value[], scope: Scope): Value {
  const opaqueCall = () => new Opaque(`${display}(${a.map(show).join(', ')})`);
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
      return new Opaque(`${display}()`);
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
