/** The alias names the registry accepts; only `production` for now. */
export const ALIAS_NAMES = ['production'] as const;
export type AliasName = (typeof ALIAS_NAMES)[number];

/** A named pointer to a version of a model, moved by compare-and-swap on its ETag. */
export interface Alias {
  model: string;
  name: AliasName;
  version: number;
  updatedAt: string;
  /** Who or what moved it last (promotion, rollback), for the audit trail. */
  reason?: string;
}
