import { sha256Hex } from '../ids';
import type { ModelSpec } from './model-spec';

/** sha256 of a parsed spec as canonical JSON (keys sorted at every level), so key order never matters. */
export function specSha256(spec: ModelSpec): string {
  return sha256Hex(Buffer.from(canonicalJson(spec), 'utf8'));
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
