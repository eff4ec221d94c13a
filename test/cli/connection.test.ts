import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConnection } from '../../src/cli/connection';

const empty = mkdtempSync(path.join(tmpdir(), 'mlops-conn-'));
const withSettings = mkdtempSync(path.join(tmpdir(), 'mlops-conn-'));
const LOCAL = { predict: 'fk', feedback: 'bk', operate: 'ok', admin: 'ak' };
writeFileSync(
  path.join(withSettings, 'local.settings.json'),
  JSON.stringify({
    Values: {
      LOCAL_FUNCTION_KEY: 'fk',
      LOCAL_FEEDBACK_KEY: 'bk',
      LOCAL_OPERATOR_KEY: 'ok',
      LOCAL_ADMIN_KEY: 'ak',
      LOCAL_HTTP_PORT: '7199',
    },
    Host: { LocalHttpPort: 7071 },
  }),
);

describe('resolveConnection', () => {
  it('defaults to the local runtime and the keys of local.settings.json, which it may quote', () => {
    expect(resolveConnection({}, withSettings, {})).toEqual({
      url: 'http://localhost:7199',
      keys: LOCAL,
      localKeys: LOCAL,
    });
    expect(resolveConnection({}, empty, {})).toEqual({ url: 'http://localhost:7071', keys: {} });
  });

  it('takes MLOPS_* over the settings, and options over both; a remote URL gets no local keys', () => {
    const env = {
      MLOPS_URL: 'https://app.example.net/',
      MLOPS_KEY: 'ek',
      MLOPS_OPERATOR_KEY: 'eok',
      MLOPS_TOKEN: 'tok',
    };
    expect(resolveConnection({}, withSettings, env)).toEqual({
      url: 'https://app.example.net',
      keys: { ...LOCAL, predict: 'ek', operate: 'eok' },
      token: 'tok',
    });
    expect(
      resolveConnection(
        { url: 'http://h:1', key: 'o1', feedbackKey: 'o2', operatorKey: 'o3', adminKey: 'o4', token: 't' },
        withSettings,
        env,
      ),
    ).toEqual({
      url: 'http://h:1',
      keys: { predict: 'o1', feedback: 'o2', operate: 'o3', admin: 'o4' },
      token: 't',
    });
  });
});
