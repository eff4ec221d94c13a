// The deployment package as `func azure functionapp publish` and `azd deploy` pack it: every file
// of the project folder that .funcignore (gitignore syntax) lets through. Core Tools also drops
// .git, .vscode, .funcignore, .gitignore and local.settings.json on its own; azd does not, so the
// check counts only on .funcignore.
import { readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';

/** Paths relative to the project root, with "/" separators. */
export type RelativePath = string;

/**
 * Paths a checkout holds at times that a fresh clone does not (coverage, azd's environment,
 * benchmark output, an editor's settings, a binding extension's .NET build, compiled tests),
 * so each .funcignore line has something to keep out even where they are missing.
 */
export const OCCASIONAL_PATHS: readonly RelativePath[] = [
  '.azure/dev/.env',
  '.vscode/settings.json',
  '.local/__azurite_db_blob__.json',
  'bench/results/train.json',
  'bin/extensions.dll',
  'coverage/index.html',
  'dist/bench/train.js',
  'dist/test/support/wait.js',
  'local.settings.json',
  'npm-debug.log',
  'obj/project.assets.json',
];

/** The pattern lines of a .funcignore text (no blanks, no comments). */
export function funcignorePatterns(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** The candidates `funcignore` lets into the package. */
export function packagedPaths(funcignore: string, candidates: Iterable<RelativePath>): RelativePath[] {
  const rules = ignore().add(funcignore);
  return [...candidates].filter((file) => !rules.ignores(file));
}

/**
 * Every file under `root` outside node_modules, recursively; a .git folder (a main checkout's)
 * counts as one file, its HEAD, to keep the walk short.
 */
export function projectFiles(root: string): RelativePath[] {
  const files: RelativePath[] = [];
  const walk = (dir: RelativePath): void => {
    for (const entry of entries(path.join(root, dir))) {
      const relative = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (relative === 'node_modules') continue;
      const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && isDir(path.join(root, relative)));
      if (!isDirectory) files.push(relative);
      else if (relative === '.git') files.push('.git/HEAD');
      else walk(relative);
    }
  };
  walk('');
  return files;
}

/** Every file of a package folder, without its nested node_modules (packages of their own). */
export function packageFiles(root: string, packageDir: RelativePath): RelativePath[] {
  const files: RelativePath[] = [];
  const walk = (dir: RelativePath): void => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.name === 'node_modules') continue;
      if (entry.isDirectory() || (entry.isSymbolicLink() && isDir(path.join(root, relative)))) walk(relative);
      else files.push(relative);
    }
  };
  walk(packageDir);
  return files;
}

/**
 * Packaged paths the host does not need: anything but host.json, package.json,
 * package-lock.json, node_modules and dist/src without the local runtime and the CLI.
 */
export function unwantedPaths(packaged: Iterable<RelativePath>): RelativePath[] {
  return [...packaged].filter((file) => !isWanted(file)).sort();
}

function isWanted(file: RelativePath): boolean {
  if (['host.json', 'package.json', 'package-lock.json'].includes(file)) return true;
  if (file.startsWith('node_modules/')) return true;
  return (
    file.startsWith('dist/src/') && !file.startsWith('dist/src/local/') && !file.startsWith('dist/src/cli/')
  );
}

/** A folder's entries; none when it vanished meanwhile (a running runtime's .local/ changes). */
function entries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function isDir(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
