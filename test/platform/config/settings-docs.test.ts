import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS, settingsTable } from '../../../src/platform/config';

const root = join(__dirname, '../../..');
const sample = JSON.parse(readFileSync(join(root, 'local.settings.sample.json'), 'utf8')) as {
  IsEncrypted: boolean;
  Values: Record<string, string>;
};
// Settings of the Functions host itself, not of the app.
const HOST_SETTINGS = ['FUNCTIONS_WORKER_RUNTIME'];

describe('settings documentation', () => {
  it('local.settings.sample.json lists every setting with its development value', () => {
    expect(sample.IsEncrypted).toBe(false);
    expect(sample.Values.FUNCTIONS_WORKER_RUNTIME).toBe('node');
    const expected = Object.fromEntries(SETTINGS.map((s) => [s.name, s.sample]));
    const { FUNCTIONS_WORKER_RUNTIME: _, ...values } = sample.Values;
    expect(values).toEqual(expected);
  });

  it('has no setting the app does not know', () => {
    const known = new Set<string>([...SETTINGS.map((s) => s.name), ...HOST_SETTINGS]);
    expect(Object.keys(sample.Values).filter((k) => !known.has(k))).toEqual([]);
  });

  it('every setting has a description and an expected form', () => {
    expect(
      SETTINGS.filter((s) => s.description.length < 10 || s.expected.length < 5).map((s) => s.name),
    ).toEqual([]);
  });

  it('the settings reference (docs/settings.md) names every setting', () => {
    const text = readFileSync(join(root, 'docs', 'settings.md'), 'utf8');
    const missing = SETTINGS.filter((s) => !text.includes(`| \`${s.name}\``)).map((s) => s.name);
    expect(missing).toEqual([]);
  });

  it('docs/settings.md holds every row of the table generated from the settings list, as generated', () => {
    const rows = (table: string): string[] =>
      table
        .split('\n')
        .filter((line) => line.startsWith('| `'))
        .map((line) =>
          line
            .split('|')
            .map((cell) => cell.trim())
            .join('|'),
        )
        .sort();
    expect(rows(readFileSync(join(root, 'docs', 'settings.md'), 'utf8'))).toEqual(rows(settingsTable()));
  });
});
