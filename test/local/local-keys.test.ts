import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureLocalKeys } from '../../src/local/local-keys';

const KEYS = ['LOCAL_FUNCTION_KEY', 'LOCAL_FEEDBACK_KEY', 'LOCAL_OPERATOR_KEY', 'LOCAL_ADMIN_KEY'];
const ROOT = path.resolve(__dirname, '..', '..');

function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'local-keys-'));
  for (const [name, content] of Object.entries(files))
    writeFileSync(path.join(dir, name), JSON.stringify(content));
  return dir;
}
const values = (dir: string): Record<string, string> =>
  (
    JSON.parse(readFileSync(path.join(dir, 'local.settings.json'), 'utf8')) as {
      Values: Record<string, string>;
    }
  ).Values;

describe('ensureLocalKeys', () => {
  it('creates local.settings.json from the sample with four distinct random keys, owner-only', () => {
    const sample = JSON.parse(readFileSync(path.join(ROOT, 'local.settings.sample.json'), 'utf8')) as {
      Values: Record<string, string>;
    };
    const dir = folder({ 'local.settings.sample.json': sample });
    expect(ensureLocalKeys(dir)).toEqual(KEYS);
    const written = values(dir);
    const keys = KEYS.map((k) => written[k]!);
    expect(new Set(keys).size).toBe(4);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(written.COSMOS_DATABASE).toBe(sample.Values.COSMOS_DATABASE);
    expect(statSync(path.join(dir, 'local.settings.json')).mode & 0o077).toBe(0);
    // The sample itself ships no key and is left as it is.
    for (const k of KEYS) expect(sample.Values[k]).toBe('');
    expect(JSON.parse(readFileSync(path.join(dir, 'local.settings.sample.json'), 'utf8'))).toEqual(sample);
  });

  it('keeps keys that are set and replaces blank and published development values only', () => {
    const dir = folder({
      'local.settings.json': {
        Values: {
          LOCAL_FUNCTION_KEY: 'dev-function-key',
          LOCAL_FEEDBACK_KEY: '',
          LOCAL_OPERATOR_KEY: 'my-own-operator-key',
          LOCAL_ADMIN_KEY: 'dev-admin-key',
        },
        Host: { LocalHttpPort: 7072 },
      },
    });
    expect(ensureLocalKeys(dir)).toEqual(['LOCAL_FUNCTION_KEY', 'LOCAL_FEEDBACK_KEY', 'LOCAL_ADMIN_KEY']);
    const first = values(dir);
    expect(first.LOCAL_OPERATOR_KEY).toBe('my-own-operator-key');
    expect(first.LOCAL_FUNCTION_KEY).not.toBe('dev-function-key');
    expect(first.LOCAL_ADMIN_KEY).not.toBe('dev-admin-key');
    expect(ensureLocalKeys(dir)).toEqual([]);
    expect(values(dir)).toEqual(first);
    expect(JSON.parse(readFileSync(path.join(dir, 'local.settings.json'), 'utf8')).Host).toEqual({
      LocalHttpPort: 7072,
    });
  });

  it('leaves a file that is not JSON for the settings loader to report', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'local-keys-'));
    writeFileSync(path.join(dir, 'local.settings.json'), '{ not json');
    expect(ensureLocalKeys(dir)).toEqual([]);
    expect(readFileSync(path.join(dir, 'local.settings.json'), 'utf8')).toBe('{ not json');
  });
});
