import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/mlops';
import { parseSidecar } from '../../src/domain/uploaded-model/sidecar';
import { ROUTES } from '../../src/serving/openapi/routes';
import { MODEL_SPEC_FIELDS, modelSpecSchema, parseModelSpec } from '../../src/domain/spec/model-spec';

const root = join(__dirname, '../..');
const read = (file: string): string => readFileSync(join(root, file), 'utf8');
const readme = read('README.md');
const docFiles = readdirSync(join(root, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => `docs/${f}`);
const docs = Object.fromEntries(docFiles.map((f) => [f, read(f)]));
const allPages: Record<string, string> = { 'README.md': readme, ...docs };
const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string> };

const jsonBlocks = (text: string): unknown[] =>
  [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]) as unknown);
const codeBlocks = (text: string): string[] =>
  [...text.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]);

/** The text of a `## heading` section, up to the next `## `. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`\n## ${heading}`);
  expect(start, `section "## ${heading}"`).toBeGreaterThan(-1);
  const end = text.indexOf('\n## ', start + 4);
  return text.slice(start, end < 0 ? undefined : end);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
const anchorsOf = (text: string): Set<string> =>
  new Set([...text.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])));

/** Every spec field as a dotted path (`validation.gates`), nested objects included, params not. */
function specFieldPaths(): string[] {
  type Node = { shape?: Record<string, Node>; _zod: { def: { innerType?: Node } } };
  const objectOf = (node: Node): Record<string, Node> | undefined => {
    let n: Node | undefined = node;
    while (n && !n.shape) n = n._zod.def.innerType;
    return n?.shape;
  };
  const paths: string[] = [];
  const walk = (shape: Record<string, Node>, prefix: string): void => {
    for (const [key, child] of Object.entries(shape)) {
      paths.push(prefix + key);
      const nested = objectOf(child);
      if (nested) walk(nested, `${prefix}${key}.`);
    }
  };
  walk((modelSpecSchema as unknown as Node).shape ?? {}, '');
  return paths;
}

describe('README', () => {
  it('opens with the two commands, each alone in its code block, before any section', () => {
    const [first, second] = codeBlocks(readme).map((b) => b.trim());
    expect(first).toBe('npm install && npm start');
    expect(second).toBe('npm install && npm test');
    expect(readme.indexOf('npm install && npm test')).toBeLessThan(readme.indexOf('\n## '));
  });

  it('has the quickstart, input data, troubleshooting and reference sections, in that order', () => {
    const order = ['Quickstart', 'Input data', 'Troubleshooting', 'Reference'].map((h) =>
      readme.indexOf(`\n## ${h}`),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('links every docs/ page', () => {
    const linked = new Set([...readme.matchAll(/\]\((docs\/[^)#]+\.md)/g)].map((m) => m[1]));
    expect(docFiles.filter((f) => !linked.has(f))).toEqual([]);
  });

  it('runs in its quickstart only npm scripts, mlops commands and options, and routes that exist', () => {
    const program = buildProgram();
    const commandOf = (name: string): Command | undefined => program.commands.find((c) => c.name() === name);
    const routes = [
      ...Object.values(ROUTES).map((r) => ({ method: r.method as string, path: `/api/${r.route}` })),
      { method: 'GET', path: '/' },
    ];
    const routeMatches = (method: string, path: string): boolean =>
      routes.some(
        (r) =>
          r.method === method &&
          new RegExp(`^${r.path.replace(/\{\*[^}]+\}/g, '.*').replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
      );
    const problems: string[] = [];
    const checkMlops = (args: string[], line: string): void => {
      const command = commandOf(args[0]);
      if (!command) return void problems.push(`no mlops command "${args[0]}": ${line}`);
      const flags = new Set(command.options.flatMap((o) => [o.long, o.short]));
      for (const flag of args.filter((a) => a.startsWith('-'))) {
        if (!flags.has(flag)) problems.push(`mlops ${args[0]} has no option ${flag}: ${line}`);
      }
    };
    const commands = codeBlocks(section(readme, 'Quickstart'))
      .flatMap((block) => block.replace(/\\\n\s*/g, ' ').split('\n'))
      .flatMap((line) => line.split(' && '))
      .map((line) => line.trim())
      .filter((line) => line !== '');
    expect(commands.length).toBeGreaterThan(8);
    for (const line of commands) {
      const words = line.split(/\s+/);
      const [tool, sub] = words;
      if (tool === 'npm' && ['install', 'start', 'test'].includes(sub)) continue;
      if (tool === 'npm' && sub === 'run') {
        const script = packageJson.scripts[words[2]];
        if (script === undefined) problems.push(`no npm script "${words[2]}": ${line}`);
        const cli = / dist\/src\/cli\/mlops\.js (\S+)/.exec(script ?? '');
        const rest = words.indexOf('--') < 0 ? [] : words.slice(words.indexOf('--') + 1);
        if (cli) checkMlops([cli[1], ...rest], line);
      } else if (tool === 'npx' && sub === 'mlops') {
        checkMlops(words.slice(2), line);
      } else if (tool === 'curl') {
        const url = words.find((w) => w.startsWith('http://localhost:7071'));
        const method = words.includes('-X') ? words[words.indexOf('-X') + 1] : 'GET';
        const path = new URL(url ?? 'http://localhost:7071/?').pathname;
        if (!url || !routeMatches(method, path)) problems.push(`no route ${method} ${path}: ${line}`);
      } else if (!['eval', 'head'].includes(tool)) {
        problems.push(`unknown command: ${line}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('docs pages', () => {
  it('every relative link in README.md and docs/ resolves, anchors included', () => {
    const broken: string[] = [];
    for (const [page, text] of Object.entries(allPages)) {
      const prose = text.replace(/```[\s\S]*?```/g, '');
      for (const [, target] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [file, anchor] = target.split('#');
        const path = file === '' ? join(root, page) : resolve(dirname(join(root, page)), file);
        if (!existsSync(path)) {
          broken.push(`${page}: ${target}`);
          continue;
        }
        const key = relative(root, path);
        if (anchor && !anchorsOf(allPages[key] ?? '').has(anchor)) broken.push(`${page}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('name only npm scripts that exist', () => {
    const named = Object.values(allPages).flatMap((t) =>
      [...t.matchAll(/npm run ([a-z:-]+)/g)].map((m) => m[1]),
    );
    expect(named.filter((name) => !(name in packageJson.scripts))).toEqual([]);
  });

  it('model-spec.md shows a spec that parses, naming every top-level field', () => {
    const spec = jsonBlocks(docs['docs/model-spec.md']).find(
      (b) => (b as { target?: unknown }).target === 'trips',
    );
    expect(() => parseModelSpec(spec)).not.toThrow();
    expect(Object.keys(spec as object).sort()).toEqual([...MODEL_SPEC_FIELDS].sort());
  });

  it('model-spec.md and monitoring.md give every spec field, nested ones included, a table row', () => {
    const text = docs['docs/model-spec.md'] + docs['docs/monitoring.md'];
    const fields = specFieldPaths();
    const leaves = fields.filter((f) => !fields.some((other) => other.startsWith(`${f}.`)));
    expect(leaves).toContain('validation.holdoutFraction');
    expect(leaves.filter((f) => !text.includes(`| \`${f}\``))).toEqual([]);
  });

  it('byo-onnx.md shows a bring-your-own sidecar that parses', () => {
    const sidecar = jsonBlocks(docs['docs/byo-onnx.md']).find(
      (b) => (b as { dataset?: unknown }).dataset !== undefined,
    );
    expect(() => parseSidecar(sidecar)).not.toThrow();
  });

  it('api.md lists every HTTP route with its role and every status it answers', () => {
    const api = docs['docs/api.md'];
    const problems = Object.values(ROUTES).flatMap((r) => {
      const row = api.split('\n').find((l) => l.startsWith(`| \`${r.method} /api/${r.route}\``));
      if (!row) return [`${r.method} /api/${r.route}: no row`];
      const cells = row.split('|').map((c) => c.trim());
      const role = r.access === 'public' ? 'none' : `\`${r.access}\``;
      const statuses = [...Object.keys(r.responses), ...r.errors.map(String)];
      return [
        ...(cells[2] === role ? [] : [`${r.route}: role ${cells[2]}, not ${role}`]),
        ...statuses.filter((s) => !cells[4]?.includes(s)).map((s) => `${r.route}: status ${s} missing`),
      ];
    });
    expect(problems).toEqual([]);
  });
});
