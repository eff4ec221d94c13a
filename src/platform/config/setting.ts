import type { z } from 'zod';

/** One app setting: its name, what it is for, its default and what a valid value looks like. */
export interface Setting<S extends z.ZodType = z.ZodType, N extends string = string> {
  /** The name as the Functions host reads it (app setting / environment variable). */
  name: N;
  description: string;
  /** Used when the setting is absent or blank; undefined = no default. */
  default?: string;
  /** The development value written in local.settings.sample.json ('' = left unset). */
  sample: string;
  /** What a valid value looks like, quoted in error messages. */
  expected: string;
  /** Never echo the value in error messages. */
  secret?: boolean;
  /** Parses the (trimmed) value; receives undefined when absent with no default. */
  schema: S;
}

/** Declares a setting keeping its schema's type (for the typed parsed record). */
export function setting<S extends z.ZodType, N extends string>(spec: Setting<S, N>): Setting<S, N> {
  return spec;
}

/** A setting's schema that also accepts the setting being absent. */
export const optional = <S extends z.ZodType>(schema: S) => schema.optional();
