import { describe, expect, it } from 'vitest';
import { Opaque, evaluate, parseExpression, type Scope, type Value } from './arm-expression';

const scope = (
  parameters: Record<string, Value>,
  variables: Record<string, Value> = {},
  index = 0,
): Scope => ({
  parameter: (n) => parameters[n] ?? null,
  variable: (n) => variables[n] ?? null,
  copyIndex: () => index,
});
const S = scope(
  { name: 'st1', list: ['a', 'b', 'c'], flag: true, empty: '' },
  { roles: { reader: 'r-id' } },
  2,
);

describe('ARM expressions', () => {
  it.each([
    ["[format('{0}/{1}', parameters('name'), 'default')]", 'st1/default'],
    ["[concat(parameters('list'), createArray('d'))]", ['a', 'b', 'c', 'd']],
    ["[parameters('list')[copyIndex()]]", 'c'],
    ["[if(parameters('flag'), 'on', 'off')]", 'on'],
    ["[not(empty(parameters('empty')))]", false],
    ["[variables('roles').reader]", 'r-id'],
    ["[length(range(0, mul(length(parameters('list')), 2)))]", 6],
    [
      "[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', parameters('name'), 'default', 'models')]",
      'Microsoft.Storage/storageAccounts/st1/blobServices/default/containers/models',
    ],
    [
      "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'x')]",
      '/subscriptions/«sub»/providers/Microsoft.Authorization/roleDefinitions/x',
    ],
    ["[createObject('a', 1, 'b', null())]", { a: 1, b: null }],
    ["[tryGet(createObject('a', 1), 'b')]", null],
    ['[[not an expression]', '[not an expression]'],
    ["it''s plain", "it''s plain"],
    ["['it''s']", "it's"],
  ])('%s', (expression, expected) => {
    expect(evaluate(expression, S)).toEqual(expected);
  });

  it('keeps what only Azure knows as readable text', () => {
    const ref =
      "[reference(extensionResourceId(format('/subscriptions/{0}', subscription().subscriptionId), 'Microsoft.Resources/deployments', 'identity'), '2025-04-01').outputs.clientId.value]";
    expect(evaluate(ref, S)).toEqual(new Opaque('module:identity.outputs.clientId.value'));
    expect(evaluate("[format('https://{0}/x', reference('site').defaultHostName)]", S)).toEqual(
      new Opaque('https://«reference(site).defaultHostName»/x'),
    );
    expect(evaluate("[listKeys('k', '2025-01-01').primaryKey]", S)).toEqual(
      new Opaque('listKeys(k, 2025-01-01).primaryKey'),
    );
  });

  it('evaluates keys and nested values', () => {
    expect(evaluate({ "[parameters('name')]": ["[parameters('flag')]"] }, S)).toEqual({ st1: [true] });
  });

  it.each([
    ["format('x'", "ARM expression: expected , or ) at offset 10 of format('x'"],
    ["'open", "ARM expression: unterminated string at offset 5 of 'open"],
    ['parameters', 'ARM expression: expected ( after parameters at offset 10 of parameters'],
    ["createObject('a', 1).b", 'ARM expression: no b in {"a":1}'],
  ])('names what is wrong in %s and where', (text, message) => {
    expect(() => evaluate(`[${text}]`, S)).toThrow(message);
    if (!message.startsWith('ARM expression: no')) expect(() => parseExpression(text)).toThrow(message);
  });
});
