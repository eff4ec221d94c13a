import { describe, expect, it } from 'vitest';
import {
  allowedValues,
  declarationBlock,
  declared,
  literalValue,
  objectEntries,
  stringLiterals,
} from './bicep-text';

const TEXT = `// the app's settings: a comment with an apostrophe and a brace {
@allowed(['a', 'b'])
param mode string = 'a'
var name = 'mlops'
var settings = {
  URL: 'https://\${host}/x?y={z}' // a brace in a string, a // in a URL
  NAME: name, MODE: mode
  NESTED: { a: [1, 2] }
  'quoted-key': take('\${replace(stem, '-', '')}x', 24)
}
module storage 'modules/storage.bicep' = {
  params: { names: ['x', 'y'] }
}
`;

describe('bicep text readers', () => {
  it('reads an object literal past strings, interpolation and comments', () => {
    expect(Object.fromEntries(objectEntries(declared(TEXT, 'var', 'settings')!))).toEqual({
      URL: "'https://${host}/x?y={z}'",
      NAME: 'name',
      MODE: 'mode',
      NESTED: '{ a: [1, 2] }',
      'quoted-key': "take('${replace(stem, '-', '')}x', 24)",
    });
  });

  it('resolves literals, vars and @allowed params', () => {
    expect(literalValue(TEXT, "'x'")).toBe('x');
    expect(literalValue(TEXT, 'name')).toBe('mlops');
    expect(literalValue(TEXT, 'mode')).toBeUndefined();
    expect(literalValue(TEXT, "'${name}'")).toBeUndefined();
    expect(allowedValues(TEXT, 'mode')).toEqual(['a', 'b']);
    expect(declared(TEXT, 'param', 'mode')).toBe("'a'");
    expect(declared(TEXT, 'var', 'missing')).toBeUndefined();
  });

  it('finds a module body and the string literals in it', () => {
    const block = declarationBlock(TEXT, 'module', 'storage')!;
    expect(stringLiterals(objectEntries(objectEntries(block).get('params')!).get('names')!)).toEqual([
      'x',
      'y',
    ]);
  });
});
