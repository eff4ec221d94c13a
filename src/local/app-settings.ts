import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** App settings as the host exposes them: name → value, read-only. */
export type AppSettings = Readonly<Record<string, string | undefined>>;

/** The settings files `npm start` reads, first found wins (as Core Tools reads local.settings.json). */
export const SETTINGS_FILES = ['local.settings.json', 'local.settings.sample.json'] as const;

/**
 * Reads `Values` of local.settings.json, else local.settings.sample.json, from `dir`, overlaid
 * by `env` (default process.env). Returns the settings, the file used (undefined if none) and
 * its `Host.LocalHttpPort`, which Core Tools also reads.
 */
export function loadAppSettings(
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
): { settings: Record<string, string>; file: string | undefined; localHttpPort?: number } {
  const settings: Record<string, string> = {};
  let localHttpPort: number | undefined;
  const found = SETTINGS_FILES.map((name) => path.join(dir, name)).find((file) => existsSync(file));
  if (found) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(found, 'utf8'));
    } catch (err) {
      throw new Error(
        `${path.basename(found)} is not valid JSON (${(err as Error).message}). Fix or delete it.`,
        { cause: err },
      );
    }
    const values = (parsed as { Values?: unknown }).Values;
    if (values !== undefined && (typeof values !== 'object' || values === null || Array.isArray(values))) {
      throw new Error(`${path.basename(found)}: "Values" must be an object of setting name to string.`);
    }
    const port = (parsed as { Host?: { LocalHttpPort?: unknown } }).Host?.LocalHttpPort;
    if (typeof port === 'number') localHttpPort = port;
    // A blank value in the file means "not set", as the config layer reads it: the sample lists
    // optional settings with "" so they are documented without taking effect.
    for (const [name, value] of Object.entries((values ?? {}) as Record<string, unknown>)) {
      if (value !== null && value !== undefined && value !== '') settings[name] = String(value);
    }
  }
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined) settings[name] = value;
  }
  return { settings, file: found, ...(localHttpPort === undefined ? {} : { localHttpPort }) };
}

/**
 * Resolves `%NAME%` app-setting references in a binding expression, as the host does for
 * schedules, paths, queue names and routes. A missing setting is an error naming it.
 */
export function resolveSettingReferences(value: string, settings: AppSettings, where: string): string {
  return value.replace(/%([^%]+)%/g, (_match, name: string) => {
    const resolved = settings[name];
    if (resolved === undefined || resolved === '') {
      throw new Error(
        `${where} refers to app setting "%${name}%", which is not set. Add it to local.settings.json.`,
      );
    }
    return resolved;
  });
}
