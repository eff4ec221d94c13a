import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConnection } from '../../src/cli/connection';

const empty = mkdtempSync(path.join(tmpdir(), 'mlops-conn-'));
const withSettings = mkdtempSync(path.join(tmpdir(), 'mlops-conn-'));
writeFileSync(
  path.join(withSettings, 'local.settings.json'),
  JSON.stringify({
    Values: { LOCAL_FUNCTION_KEY: 'fk', LOCAL_ADMIN_KEY: 'ak', LOCAL_HTTP_PORT: '7199' },
    Host: { LocalHttpPort: 7071 },
  }),
);

describe('resolveConnection', () => {
  it('defaults to the local runtime and the keys of local.settings.json', () => {
    expect(resolveConnection({}, withSettings, {})).toEqual({
      url: 'http://localhost:7199',
      key: 'fk',
      adminKey: 'ak',
    });
    expect(resolveConnection({}, empty, {})).toEqual({ url: 'http://localhost:7071' });
  });

  it('takes MLOPS_* over the settings, and options over both', () => {
    const env = { MLOPS_URL: 'https://app.example.net/', MLOPS_KEY: 'ek', MLOPS_ADMIN_KEY: 'eak' };
    expect(resolveConnection({}, withSettings, env)).toEqual({
      url: 'https://app.example.net',
      key: 'ek',
      adminKey: 'eak',
    });
    expect(resolveConnection({ url: 'http://h:1', key: 'ok', adminKey: 'oak' }, withSettings, env)).toEqual({
      url: 'http://h:1',
      key: 'ok',
      adminKey: 'oak',
    });
  });
});
