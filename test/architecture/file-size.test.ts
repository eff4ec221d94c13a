// Source files stay small enough to read in one sitting: a file that grows past the limit is
// a sign that it holds two things.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const MAX_LINES = 250;
const SRC = path.join(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'vendor' ? [] : sourceFiles(full);
    return /\.(ts|js)$/.test(e.name) ? [full] : [];
  });
}

describe('source files', () => {
  it(`have at most ${MAX_LINES} lines each (vendored files aside)`, () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(100);
    const long = files
      .map((f) => ({
        file: path.relative(SRC, f),
        lines: readFileSync(f, 'utf8').trimEnd().split('\n').length,
      }))
      .filter((f) => f.lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
