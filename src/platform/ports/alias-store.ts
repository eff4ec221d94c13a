import type { Alias, AliasName } from '../../domain/alias';
import type { Stored } from './stored';

/** Alias documents, moved by compare-and-swap on their ETag. */
export interface AliasStore {
  getAlias(model: string, name: AliasName): Promise<Stored<Alias> | undefined>;
  /**
   * Points the alias at a version. ifMatch = the ETag read (compare-and-swap); null = create
   * only (no alias yet). A lost race is a 'conflict'.
   */
  setAlias(
    model: string,
    name: AliasName,
    version: number,
    ifMatch: string | null,
    reason?: string,
  ): Promise<Stored<Alias>>;
}
