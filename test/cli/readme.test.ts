import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/mlops';
import { ROOT } from '../support/settings';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('README CLI section', () => {
  it('has one table line per mlops command', () => {
    const names = buildProgram().commands.map((c) => c.name());
    const missing = names.filter((name) => !new RegExp(`^\\| \`mlops ${name}[ \`]`, 'm').test(readme));
    expect(names.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
