import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './config-error';
import type { ParsedSettings } from './load-config';
import type { Setting } from './setting';
import { SETTINGS } from './settings';

/** A setting's parsed value, or the problem with it in words. */
export type SettingResult = { ok: true; value: unknown } | { ok: false; issue: ConfigIssue };

/** Parses one setting from env: blank counts as unset (as the sample leaves them), then the default. */
export function parseSetting(s: Setting<z.ZodType>, env: Record<string, string | undefined>): SettingResult {
  const given = env[s.name]?.trim() || undefined;
  const value = given ?? s.default;
  const parsed = s.schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    issue: { setting: s.name, problem: describeProblem(value, s.expected, s.secret === true) },
  };
}

/**
 * One setting's validated value from env (default process.env): for what must be known when
 * functions register, before the whole config is read. Throws ConfigError naming the setting.
 */
export function readSetting<N extends keyof ParsedSettings>(
  name: N,
  env: Record<string, string | undefined> = process.env,
): ParsedSettings[N] {
  const s = SETTINGS.find((candidate) => candidate.name === name)!;
  const result = parseSetting(s, env);
  if (!result.ok) throw new ConfigError([result.issue]);
  return result.value as ParsedSettings[N];
}

function describeProblem(value: string | undefined, expected: string, secret: boolean): string {
  if (value === undefined) return `missing; expected ${expected}`;
  return `${secret ? 'invalid value' : `invalid value "${value}"`}; expected ${expected}`;
}
