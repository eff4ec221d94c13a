// Every Bicep file under infra/ parses with the tree-sitter Bicep grammar: no syntax error and no
// missing token. A quick check that needs no .NET; types, resource properties and the linter's
// rules are checked by the real compiler in bicep-compile.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Language, Parser, type Node } from 'web-tree-sitter';

const ROOT = path.resolve(__dirname, '..', '..');
const INFRA = path.join(ROOT, 'infra');
const BICEP_FILES = readdirSync(INFRA, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.bicep'))
  .sort();

let parser: Parser;
beforeAll(async () => {
  await Parser.init();
  const grammar = path.join(
    path.dirname(require.resolve('tree-sitter-bicep/package.json')),
    'tree-sitter-bicep.wasm',
  );
  parser = new Parser();
  parser.setLanguage(await Language.load(grammar));
});

/** Each syntax error or missing token of a source, as `line:column: what`. */
function syntaxProblems(source: string): string[] {
  const tree = parser.parse(source);
  if (!tree) throw new Error('the Bicep parser gave no tree');
  const problems: string[] = [];
  const visit = (node: Node): void => {
    if (node.isError || node.isMissing) {
      const at = `${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
      const what = node.isMissing ? `missing ${node.type}` : `cannot parse "${node.text.slice(0, 40)}"`;
      problems.push(`${at}: ${what}`);
    }
    if (node.hasError) for (const child of node.children) if (child) visit(child);
  };
  visit(tree.rootNode);
  tree.delete();
  return problems;
}

describe('infra Bicep syntax', () => {
  it('finds the Bicep files (main.bicep and its modules)', () => {
    expect(BICEP_FILES).toContain('main.bicep');
    expect(BICEP_FILES.length).toBeGreaterThan(1);
  });

  it.each(BICEP_FILES)('%s has no syntax error', (file) => {
    expect(syntaxProblems(readFileSync(path.join(INFRA, file), 'utf8'))).toEqual([]);
  });

  it.each([
    [
      'an unclosed object',
      "resource r 'Microsoft.Web/sites@2024-04-01' = {\n  name: 'x'\n",
      '1:1: cannot parse',
    ],
    ['a parameter without its value', 'param location string =\n', 'cannot parse'],
    ['an unclosed call', "output url string = format('{0}', 'x'\n", 'missing )'],
  ])('reports %s with its line', (_name, source, expected) => {
    const problems = syntaxProblems(source);
    expect(problems.join('\n')).toContain(expected);
  });
});
