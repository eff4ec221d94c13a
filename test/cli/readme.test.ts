import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/mlops';
import { ROOT } from '../support/settings';

const reference = readFileSync(path.join(ROOT, 'docs', 'cli.md'), 'utf8');

describe('the command-line reference (docs/cli.md)', () => {
  it('has one table line per mlops command', () => {
    const names = buildProgram().commands.map((c) => c.name());
    const missing = names.filter((name) => !new RegExp(`^\\| \`mlops ${name}[ \`]`, 'm').test(reference));
    expect(names.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
