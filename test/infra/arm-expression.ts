// A small evaluator of ARM template expressions ("[format('{0}', parameters('x'))]"), enough to
// read the compiled templates the way Azure would for what the tests compare: names, settings,
// scopes, role ids. What only Azure knows (reference(), listKeys(), subscription()) stays an
// Opaque value carrying readable text, e.g. `module:identity.outputs.clientId.value`.
import { call } from './arm-functions';
import { Opaque, isObject, isOpaque, show, type Scope, type Value } from './arm-value';

export { Opaque, isObject, isOpaque, show, textOf, type Scope, type Value } from './arm-value';

type Node =
  | { kind: 'literal'; value: Value }
  | { kind: 'call'; name: string; display: string; args: Node[] }
  | { kind: 'member'; target: Node; key: Node };

/** Parses the inside of "[...]" into a tree. */
export function parseExpression(text: string): Node {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`ARM expression: ${what} at offset ${i} of ${text}`);
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
    return { kind: 'call', name: name.toLowerCase(), display: name, args };
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

function evaluateNode(node: Node, scope: Scope): Value {
  if (node.kind === 'literal') return node.value;
  if (node.kind === 'call')
    return call(
      node.name,
      node.display,
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
