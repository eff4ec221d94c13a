import { describe, expect, it } from 'vitest';
import { ConfigError, readSetting } from '../../../src/platform/config';

describe('readSetting', () => {
  it.each([
    [{}, 'LogsAndContainerScan'],
    [{ BLOB_TRIGGER_SOURCE: '  ' }, 'LogsAndContainerScan'],
    [{ BLOB_TRIGGER_SOURCE: 'EventGrid' }, 'EventGrid'],
    [{ BLOB_TRIGGER_SOURCE: ' EventGrid ' }, 'EventGrid'],
  ])('reads BLOB_TRIGGER_SOURCE from %j as %s', (env, expected) => {
    expect(readSetting('BLOB_TRIGGER_SOURCE', env)).toBe(expected);
  });

  it('parses with the setting schema', () => {
    expect(readSetting('MAX_PREDICT_ROWS', { MAX_PREDICT_ROWS: '12' })).toBe(12);
  });

  it.each([
    [
      'BLOB_TRIGGER_SOURCE',
      { BLOB_TRIGGER_SOURCE: 'eventgrid' },
      'BLOB_TRIGGER_SOURCE: invalid value "eventgrid"; expected "LogsAndContainerScan" or "EventGrid"',
    ],
    [
      'LOCAL_ADMIN_KEY',
      { LOCAL_ADMIN_KEY: 'short' },
      'LOCAL_ADMIN_KEY: invalid value; expected a key of at least 8 characters',
    ],
  ] as const)('names %s when its value is invalid, without echoing secrets', (name, env, problem) => {
    let thrown: unknown;
    try {
      readSetting(name, env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).issues.map((i) => `${i.setting}: ${i.problem}`)).toEqual([problem]);
  });
});
