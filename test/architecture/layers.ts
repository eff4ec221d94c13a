// The layer table of DESIGN.md as data, and a check of a source tree's imports against it.
import fs from 'node:fs';
import path from 'node:path';

/** The modules every layer may use: the app's error type, its outcome table and schema parsing. */
const KERNEL = ['errors.ts', 'error-outcomes.ts', 'parse-with-schema.ts'];
const USE_CASES = ['pipeline', 'serving', 'monitoring'];

/** Top-level entries of src/ and what each may import besides itself and the kernel. */
export const LAYERS: Readonly<Record<string, readonly string[]>> = {
  'index.ts': ['functions'],
  // The outcome table reads the engine's data errors as well as the app's.
  'error-outcomes.ts': ['ml'],
  functions: ['domain', 'ml', 'platform', ...USE_CASES],
  pipeline: ['domain', 'ml', 'platform/ports'],
  serving: ['domain', 'ml', 'platform/ports'],
  monitoring: ['domain', 'ml', 'platform/ports'],
  domain: ['ml'],
  ml: [],
  platform: ['domain', 'ml'],
  // Tools beside the app: the local runtime drives the registered functions; the CLI talks to it.
  local: ['*'],
  cli: ['*'],
  datagen: ['ml'],
  dashboard: [],
};

export interface Violation {
  readonly file: string;
  readonly imports: string;
}

const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Every relative import of every .ts file under `srcRoot` that the layer table does not allow. */
export function layerViolations(srcRoot: string): Violation[] {
  const violations: Violation[] = [];
  for (const file of tsFiles(srcRoot)) {
    const from = path.relative(srcRoot, file).split(path.sep);
    const layer = from[0]!;
    const allowed = LAYERS[layer];
    for (const match of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = path.relative(srcRoot, path.resolve(path.dirname(file), match[1]!));
      const parts = target.split(path.sep);
      const targetLayer = parts[0]!;
      if (targetLayer === layer || KERNEL.some((k) => target === k.replace(/\.ts$/, ''))) continue;
      const ok =
        allowed !== undefined &&
        (allowed.includes('*') ||
          allowed.some((a) => a === targetLayer || parts.join('/').startsWith(`${a}/`)));
      if (!ok) violations.push({ file: from.join('/'), imports: parts.join('/') });
    }
  }
  return violations;
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}
