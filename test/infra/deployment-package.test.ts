// The deployment package (.funcignore applied to the built tree, as `func azure functionapp
// publish` and `azd deploy` pack it) holds what the Functions host loads and nothing of the
// local runtime, the CLI, tests, benchmarks, sources or dev config; the app's import graph stays
// inside it. Each .funcignore line is shown to matter by a copy of the file without it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appImportGraph, productionPackages, type AppImportGraph } from './app-import-graph';
import {
  funcignorePatterns,
  OCCASIONAL_PATHS,
  packageFiles,
  packagedPaths,
  projectFiles,
  unwantedPaths,
  type RelativePath,
} from './deployment-package';

const ROOT = path.resolve(__dirname, '..', '..');
const ENTRY = 'dist/src/index.js';
const funcignore = readFileSync(path.join(ROOT, '.funcignore'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
};

let candidates: RelativePath[];
let packaged: Set<RelativePath>;
let graph: AppImportGraph;

beforeAll(() => {
  if (!existsSync(path.join(ROOT, ENTRY))) throw new Error('run `npm run build` first');
  candidates = [...new Set([...projectFiles(ROOT), ...OCCASIONAL_PATHS])];
  packaged = new Set(packagedPaths(funcignore, candidates));
  graph = appImportGraph(ROOT, ENTRY);
});

const under = (paths: Iterable<RelativePath>, folder: string): RelativePath[] =>
  [...paths].filter((file) => file.startsWith(`${folder}/`));

describe('deployment package', () => {
  it('holds host.json, package.json, the entry and every compiled function', () => {
    expect(pkg.main).toBe(ENTRY);
    const functions = under(candidates, 'dist/src/functions').filter((file) => file.endsWith('.js'));
    expect(functions.length).toBeGreaterThan(20);
    const required = ['host.json', 'package.json', ENTRY, ...functions];
    expect(required.filter((file) => !packaged.has(file))).toEqual([]);
  });

  it('leaves out the local runtime, the CLI, tests, benchmarks, sources and dev config', () => {
    for (const folder of ['dist/src/local', 'dist/src/cli', 'src', 'test', 'bench']) {
      expect(under(candidates, folder).length, `${folder} exists to be left out`).toBeGreaterThan(0);
    }
    for (const folder of [
      'dist/src/local',
      'dist/src/cli',
      'dist/test',
      'dist/bench',
      'src',
      'test',
      'bench',
    ]) {
      expect(under(packaged, folder), folder).toEqual([]);
    }
    expect(unwantedPaths(packaged)).toEqual([]);
  });

  it('writes every pattern from the root, so Core Tools (which anchors each one) and gitignore agree', () => {
    const loose = funcignorePatterns(funcignore).filter(
      (line) => !line.startsWith('/') || line.endsWith('/'),
    );
    expect(loose).toEqual([]);
  });

  it('needs every one of its lines: without any one, something unwanted is packaged', () => {
    const lines = funcignore.split('\n');
    const useless = lines.flatMap((line, index) => {
      if (!funcignorePatterns(line).length) return [];
      const without = lines.filter((_, i) => i !== index).join('\n');
      return unwantedPaths(packagedPaths(without, candidates)).length > 0 ? [] : [line];
    });
    expect(useless).toEqual([]);
  });
});

describe('the app loaded from the package', () => {
  it('imports nothing of the local runtime or the CLI', () => {
    const outside = [...graph.files].filter(
      (file) => file.startsWith('dist/src/local/') || file.startsWith('dist/src/cli/'),
    );
    expect(outside).toEqual([]);
    expect(graph.unresolved).toEqual([]);
    expect(graph.files.size).toBeGreaterThan(100);
  });

  it('finds every file it loads or reads by path in the package', () => {
    const read = [...graph.folders].flatMap((folder) => under(candidates, folder));
    expect(graph.folders).toContain('dist/src/dashboard');
    expect([...graph.files].some((file) => file.endsWith('train-worker.js'))).toBe(true);
    expect([...graph.files, ...read].filter((file) => !packaged.has(file)).sort()).toEqual([]);
  });

  it('requires only production dependencies, packaged with everything they depend on', () => {
    const notProduction = [...graph.packages]
      .filter(([name]) => !(name in pkg.dependencies))
      .map(([name, file]) => `${name} (required by ${file})`);
    expect(notProduction).toEqual([]);
    const { dirs, missing } = productionPackages(ROOT, graph.packages.keys());
    expect(missing).toEqual([]);
    const files = dirs.flatMap((dir) => packageFiles(ROOT, dir));
    // e.g. onnxruntime-node's native binding lives in its bin/ folder: an unanchored "bin" drops it
    expect(files.some((file) => file.startsWith('node_modules/onnxruntime-node/bin/'))).toBe(true);
    const left = new Set(files);
    for (const file of packagedPaths(funcignore, files)) left.delete(file);
    expect([...left].slice(0, 20)).toEqual([]);
  });
});
