// The values ARM expressions evaluate to here: JSON, or Opaque for what only Azure knows.

export class Opaque {
  constructor(readonly text: string) {}
}

export type Value = string | number | boolean | null | Opaque | Value[] | { [key: string]: Value };

/** What an expression can see: the template's parameters and variables and the loop indexes. */
export interface Scope {
  parameter(name: string): Value;
  variable(name: string): Value;
  copyIndex(loop?: string): number;
}

/** A value as text; an Opaque one in «» marks, so a reader sees where Azure fills in. */
export const show = (v: Value): string =>
  v instanceof Opaque ? `«${v.text}»` : typeof v === 'string' ? v : JSON.stringify(v);
/** The text of a value, an Opaque's without its «» marks. */
export const textOf = (v: Value): string => (v instanceof Opaque ? v.text : show(v));
export const isOpaque = (v: Value): v is Opaque => v instanceof Opaque;
export const isObject = (v: Value): v is { [key: string]: Value } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Opaque);
