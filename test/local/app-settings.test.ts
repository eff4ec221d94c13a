import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAppSettings, resolveSettingReferences } from '../../src/local/app-settings';

describe('loadAppSettings', () => {
  const dir = (): string => mkdtempSync(path.join(tmpdir(), 'settings-'));

  it('prefers local.settings.json over the sample, overlaid by the environment', () => {
    const d = dir();
    writeFileSync(path.join(d, 'local.settings.sample.json'), JSON.stringify({ Values: { A: 'sample' } }));
    writeFileSync(
      path.join(d, 'local.settings.json'),
      JSON.stringify({ Values: { A: 'local', B: 'b', N: 3 } }),
    );
    const { settings, file } = loadAppSettings(d, { B: 'env' });
    expect(settings).toEqual({ A: 'local', B: 'env', N: '3' });
    expect(path.basename(file!)).toBe('local.settings.json');
  });

  it('falls back to the sample, then to the environment alone', () => {
    const d = dir();
    expect(loadAppSettings(d, { X: '1' })).toEqual({ settings: { X: '1' }, file: undefined });
    writeFileSync(path.join(d, 'local.settings.sample.json'), JSON.stringify({ Values: { A: 'sample' } }));
    expect(loadAppSettings(d, {}).settings).toEqual({ A: 'sample' });
  });

  it('leaves a blank value in the file unset, so defaults apply', () => {
    const d = dir();
    writeFileSync(
      path.join(d, 'local.settings.json'),
      JSON.stringify({ Values: { LOCAL_DATA_DIR: '', A: 'a' } }),
    );
    expect(loadAppSettings(d, {}).settings).toEqual({ A: 'a' });
  });

  it('names a file that is not JSON', () => {
    const d = dir();
    writeFileSync(path.join(d, 'local.settings.json'), '{ nope');
    expect(() => loadAppSettings(d, {})).toThrow(
      /^local\.settings\.json is not valid JSON \(.+\)\. Fix or delete it\.$/,
    );
  });
});

describe('resolveSettingReferences', () => {
  it.each([
    ['0 */5 * * * *', '0 */5 * * * *'],
    ['%DRIFT_SCHEDULE%', '0 0 * * * *'],
    ['%QUEUE%-poison', 'jobs-poison'],
  ])('%s → %s', (value, resolved) => {
    expect(resolveSettingReferences(value, { DRIFT_SCHEDULE: '0 0 * * * *', QUEUE: 'jobs' }, 'x')).toBe(
      resolved,
    );
  });

  it('names a missing setting', () => {
    expect(() => resolveSettingReferences('%NOPE%', {}, 'Function "monitor" schedule')).toThrow(
      'Function "monitor" schedule refers to app setting "%NOPE%", which is not set. Add it to local.settings.json.',
    );
  });
});
