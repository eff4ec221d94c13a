// What the compiled Functions app loads, read from its CommonJS output: the files reached from
// the entry by relative require() and by path.join(__dirname, ...) (worker scripts, the
// dashboard's static files), and the npm packages it requires, with their production
// dependencies as npm installed them.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import type { RelativePath } from './deployment-package';

export interface AppImportGraph {
  /** Files the app loads or reads, the entry included. */
  files: Set<RelativePath>;
  /** Folders the app reads by path (every file in them counts). */
  folders: Set<RelativePath>;
  /** npm packages the app requires, each with the first file requiring it. */
  packages: Map<string, RelativePath>;
  /** References that resolve to nothing, as "file: specifier". */
  unresolved: string[];
}

const REQUIRE = /\brequire(?:\.resolve)?\(\s*(['"])([^'"]+)\1\s*\)/g;
const DIRNAME_JOIN = /\.join\(\s*__dirname((?:\s*,\s*(['"])[^'"]*\2)+)\s*\)/g;
const LITERAL = /(['"])([^'"]*)\1/g;
const BUILTINS = new Set(builtinModules);

/** The graph from `entry` (relative to `root`, e.g. dist/src/index.js). */
export function appImportGraph(root: string, entry: RelativePath): AppImportGraph {
  const graph: AppImportGraph = { files: new Set(), folders: new Set(), packages: new Map(), unresolved: [] };
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (graph.files.has(file)) continue;
    graph.files.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(path.join(root, file), 'utf8');
    const dir = path.posix.dirname(file);
    for (const [, , specifier] of code.matchAll(REQUIRE)) {
      if (!specifier.startsWith('.')) {
        const name = packageName(specifier);
        if (!BUILTINS.has(name) && !name.startsWith('node:') && !graph.packages.has(name))
          graph.packages.set(name, file);
        continue;
      }
      const target = resolveFile(root, path.posix.join(dir, specifier));
      if (target === undefined) graph.unresolved.push(`${file}: ${specifier}`);
      else pending.push(target);
    }
    for (const [, parts] of code.matchAll(DIRNAME_JOIN)) {
      const target = path.posix.join(dir, ...[...parts.matchAll(LITERAL)].map(([, , part]) => part));
      const full = path.join(root, target);
      if (!existsSync(full)) graph.unresolved.push(`${file}: __dirname/${target}`);
      else if (statSync(full).isDirectory()) graph.folders.add(target);
      else pending.push(target);
    }
  }
  return graph;
}

/**
 * The package folders (relative to `root`) of `names` and of everything they depend on, found
 * the way Node resolves them; `missing` lists required dependencies that are not installed.
 */
export function productionPackages(
  root: string,
  names: Iterable<string>,
): { dirs: RelativePath[]; missing: string[] } {
  const dirs = new Set<RelativePath>();
  const missing: string[] = [];
  const visit = (name: string, from: RelativePath, required: boolean): void => {
    const dir = locatePackage(root, name, from);
    if (dir === undefined) {
      if (required) missing.push(`${name} (needed by ${from || 'the app'})`);
      return;
    }
    if (dirs.has(dir)) return;
    dirs.add(dir);
    const manifest = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8')) as Manifest;
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir, true);
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visit(dep, dir, false);
    for (const dep of Object.keys(manifest.peerDependencies ?? {})) visit(dep, dir, false);
  };
  for (const name of names) visit(name, '', true);
  return { dirs: [...dirs].sort(), missing };
}

interface Manifest {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** "@azure/functions/lib/x" → "@azure/functions"; "zod/v4" → "zod". */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function resolveFile(root: string, target: RelativePath): RelativePath | undefined {
  for (const candidate of [target, `${target}.js`, `${target}.json`, `${target}/index.js`]) {
    const full = path.join(root, candidate);
    if (existsSync(full) && statSync(full).isFile()) return candidate;
  }
  return undefined;
}

/** Node's lookup: `from`/node_modules/name, then each enclosing folder's node_modules. */
function locatePackage(root: string, name: string, from: RelativePath): RelativePath | undefined {
  for (let dir = from; ; dir = path.posix.dirname(dir)) {
    if (dir === '.') dir = '';
    if (path.posix.basename(dir) !== 'node_modules') {
      const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
      if (existsSync(path.join(root, candidate, 'package.json'))) return candidate;
    }
    if (dir === '') return undefined;
  }
}
