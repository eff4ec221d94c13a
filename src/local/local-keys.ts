import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PUBLISHED_DEV_KEYS } from '../platform/config/dev-values';
import { LOCAL_KEYS } from './http/auth';

/** The settings file the keys are written to (the sample never holds keys). */
export const LOCAL_SETTINGS_FILE = 'local.settings.json';
const SAMPLE_FILE = 'local.settings.sample.json';

interface SettingsFile {
  IsEncrypted?: boolean;
  Values?: Record<string, unknown>;
  [other: string]: unknown;
}

/**
 * Makes sure `dir`/local.settings.json holds every local key: a key that is absent, blank or a
 * published development value gets a random one (24 bytes, base64url). A missing file is
 * created from the sample. Returns the settings that were generated; an unreadable file is left
 * for the settings loader to report.
 */
export function ensureLocalKeys(dir: string): string[] {
  const file = path.join(dir, LOCAL_SETTINGS_FILE);
  const sample = path.join(dir, SAMPLE_FILE);
  let parsed: SettingsFile;
  try {
    if (existsSync(file)) parsed = JSON.parse(readFileSync(file, 'utf8')) as SettingsFile;
    else if (existsSync(sample)) parsed = JSON.parse(readFileSync(sample, 'utf8')) as SettingsFile;
    else parsed = { IsEncrypted: false, Values: {} };
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null) return [];
  const values = (parsed.Values ??= {});
  if (typeof values !== 'object' || Array.isArray(values)) return [];
  const generated: string[] = [];
  for (const { setting } of LOCAL_KEYS) {
    const current = values[setting];
    if (typeof current === 'string' && current !== '' && !PUBLISHED_DEV_KEYS.includes(current)) continue;
    values[setting] = randomBytes(24).toString('base64url');
    generated.push(setting);
  }
  // Keys are secrets: only the owner reads the file it creates.
  if (generated.length > 0) writeFileSync(file, `${JSON.stringify(parsed, null, 2)}\n`, { mode: 0o600 });
  return generated;
}
