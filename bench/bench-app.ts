// What the benchmarks that run the app share: the repo root, the sample settings pointed at the
// emulators (drift timer kept quiet), and host.json as shipped.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { emulatorAppSettings, type EmulatorSettings } from '../src/local/emulators';
import { hostConfigFrom, type HostConfig } from '../src/local/host-config';
import { LOCAL_KEYS } from '../src/local/http/auth';

export const ROOT = path.resolve(__dirname, '..', '..');

/** local.settings.sample.json's values pointed at the emulators; a yearly drift schedule. */
export function benchAppSettings(emulators: EmulatorSettings): Record<string, string> {
  const sample = (
    JSON.parse(readFileSync(path.join(ROOT, 'local.settings.sample.json'), 'utf8')) as {
      Values: Record<string, string>;
    }
  ).Values;
  // The sample ships no keys: the benchmark runtime gets its own, random for each run.
  const keys = Object.fromEntries(LOCAL_KEYS.map((k) => [k.setting, randomBytes(18).toString('base64url')]));
  return { ...sample, ...keys, ...emulatorAppSettings(emulators), DRIFT_SCHEDULE: '0 0 0 1 1 *' };
}

/** host.json as shipped. */
export function shippedHostConfig(): HostConfig {
  return hostConfigFrom(JSON.parse(readFileSync(path.join(ROOT, 'host.json'), 'utf8')) as object);
}
