// The Bicep compiler the tests run: the one infra/tools/Bicep.Tools.csproj pins, found through
// its restore (obj/project.assets.json names the NuGet package folder), or BICEP_PATH.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
const TOOLS = path.join(ROOT, 'infra', 'tools');
const PROJECT = path.join(TOOLS, 'Bicep.Tools.csproj');
const ASSETS = path.join(TOOLS, 'obj', 'project.assets.json');
const PACKAGE = 'Azure.Bicep.CommandLine.linux-x64';

export const HOW_TO_RUN =
  'install the .NET SDK (dotnet) and run `dotnet restore infra/tools`, or set BICEP_PATH to a Bicep CLI';

/** One compiler message: `file(line,column) : Level code: text`. */
export interface BicepDiagnostic {
  file: string;
  line: number;
  column: number;
  level: 'Error' | 'Warning' | 'Info';
  code: string;
  message: string;
}

interface Assets {
  packageFolders: Record<string, unknown>;
  libraries: Record<string, { path: string }>;
}

/**
 * The compiler's path, or undefined when neither BICEP_PATH nor dotnet is there (an error under
 * CI=true). Restores once.
 */
export function findBicep(): string | undefined {
  if (process.env.BICEP_PATH) return process.env.BICEP_PATH;
  if (spawnSync('dotnet', ['--version'], { encoding: 'utf8' }).status !== 0) {
    if (process.env.CI === 'true')
      throw new Error(`No Bicep compiler (required when CI=true): ${HOW_TO_RUN}`);
    return undefined;
  }
  if (!existsSync(ASSETS)) {
    const restore = spawnSync('dotnet', ['restore', PROJECT], { encoding: 'utf8', timeout: 300_000 });
    if (restore.status !== 0) throw new Error(`dotnet restore ${PROJECT} failed:\n${restore.stdout}`);
  }
  const assets = JSON.parse(readFileSync(ASSETS, 'utf8')) as Assets;
  const library = Object.entries(assets.libraries).find(([id]) => id.startsWith(`${PACKAGE}/`));
  const folder = Object.keys(assets.packageFolders)[0];
  if (!library || !folder) throw new Error(`${ASSETS} does not list ${PACKAGE}: run dotnet restore again`);
  const bicep = path.join(folder, library[1].path, 'tools', 'bicep');
  if (!existsSync(bicep)) throw new Error(`${bicep} is missing: run \`dotnet restore ${PROJECT}\``);
  return bicep;
}

const DIAGNOSTIC = /^(.+)\((\d+),(\d+)\) : (Error|Warning|Info) ([\w-]+): (.*)$/;

/** The diagnostics in the compiler's output, with file paths relative to the repository. */
export function parseDiagnostics(output: string): BicepDiagnostic[] {
  return output.split('\n').flatMap((line) => {
    const m = DIAGNOSTIC.exec(line.trim());
    if (!m) return [];
    const file = relative(m[1]!);
    const level = m[4] as BicepDiagnostic['level'];
    return [{ file, line: Number(m[2]), column: Number(m[3]), level, code: m[5]!, message: m[6]! }];
  });
}

/** `infra/x.bicep:3:9 Warning BCP333: ...`: where, which rule, what. */
export function formatDiagnostic(d: BicepDiagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.level} ${d.code}: ${d.message}`;
}

export interface BuildResult {
  /** Each compiled ARM template by its Bicep file (relative to the built folder); none on an error. */
  templates: Map<string, unknown>;
  diagnostics: BicepDiagnostic[];
}

function run(bicep: string, args: string[], cwd: string): { status: number | null; output: string } {
  const r = spawnSync(bicep, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 300_000 });
  if (r.error) throw new Error(`${bicep} ${args.join(' ')}: ${r.error.message}`);
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

/**
 * `bicep build --pattern` over the .bicep files under `dir` (one process for all): the ARM JSON
 * of each, written under `outDir`, and every diagnostic (the linter's rules included).
 */
export function buildAll(bicep: string, dir: string, outDir: string): BuildResult {
  const { status, output } = run(bicep, ['build', '--pattern', '**/*.bicep', '--outdir', outDir], dir);
  const diagnostics = parseDiagnostics(output);
  if (status !== 0 && !diagnostics.some((d) => d.level === 'Error'))
    throw new Error(`bicep build in ${dir} failed without a diagnostic:\n${output}`);
  const templates = new Map<string, unknown>();
  if (status === 0)
    for (const file of bicepFiles(dir)) {
      const json = path.join(outDir, file.replace(/\.bicep$/, '.json'));
      templates.set(file, JSON.parse(readFileSync(json, 'utf8')) as unknown);
    }
  return { templates, diagnostics };
}

/** `bicep lint --pattern` over the .bicep files under `dir`. */
export function lintAll(bicep: string, dir: string): BicepDiagnostic[] {
  const { status, output } = run(bicep, ['lint', '--pattern', '**/*.bicep'], dir);
  const diagnostics = parseDiagnostics(output);
  if (status !== 0 && diagnostics.length === 0)
    throw new Error(`bicep lint in ${dir} failed without a diagnostic:\n${output}`);
  return diagnostics;
}

/** The .bicep files under `dir`, relative to it, sorted. */
export function bicepFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.bicep'))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

function relative(file: string): string {
  return path.relative(ROOT, file).split(path.sep).join('/');
}
