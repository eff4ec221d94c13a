// Issue 17: `npm start` skips the TypeScript build (about 6 s) when dist/ is newer than every input.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const { isCurrent } = createRequire(__filename)('../../scripts/build.js') as {
  isCurrent(root: string): boolean;
};

const roots: string[] = [];
afterAll(() => roots.forEach((d) => rmSync(d, { recursive: true, force: true })));

const past = new Date(Date.now() - 60_000);
const later = new Date(Date.now() - 30_000);

/** A checkout whose inputs all date from `past`, built at `later`. */
function builtCheckout(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'build-'));
  roots.push(root);
  mkdirSync(path.join(root, 'src', 'local'), { recursive: true });
  mkdirSync(path.join(root, 'dist'));
  for (const file of ['src/local/main.ts', 'tsconfig.json', 'package.json', 'package-lock.json']) {
    writeFileSync(path.join(root, file), '{}');
    utimesSync(path.join(root, file), past, past);
  }
  for (const dir of ['src/local', 'src']) utimesSync(path.join(root, dir), past, past);
  writeFileSync(path.join(root, 'dist', '.build-stamp'), '');
  utimesSync(path.join(root, 'dist', '.build-stamp'), later, later);
  return root;
}

describe('the build of npm start', () => {
  it('is skipped when dist/ was built after every input changed', () => {
    expect(isCurrent(builtCheckout())).toBe(true);
  });

  it.each([
    ['a source file changed', (root: string) => writeFileSync(path.join(root, 'src/local/main.ts'), '//')],
    ['a source file added', (root: string) => writeFileSync(path.join(root, 'src/local/new.ts'), '')],
    ['a source file removed', (root: string) => rmSync(path.join(root, 'src/local/main.ts'))],
    ['the dependencies changed', (root: string) => writeFileSync(path.join(root, 'package-lock.json'), '{}')],
    ['the compiler options changed', (root: string) => writeFileSync(path.join(root, 'tsconfig.json'), '{}')],
    ['there was no complete build', (root: string) => rmSync(path.join(root, 'dist', '.build-stamp'))],
  ])('runs when %s', (_, change) => {
    const root = builtCheckout();
    change(root);
    expect(isCurrent(root)).toBe(false);
  });
});
