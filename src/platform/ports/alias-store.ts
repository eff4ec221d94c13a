import type { Alias, AliasName, ChallengerTrial } from '../../domain/alias';
import type { Stored } from './stored';

/** Alias documents, moved by compare-and-swap on their ETag. */
export interface AliasStore {
  getAlias(model: string, name: AliasName): Promise<Stored<Alias> | undefined>;
  /**
   * Points the alias at a version. ifMatch = the ETag read (compare-and-swap); null = create
   * only (no alias yet). A lost race is a 'conflict'. `trial` is kept on the challenger alias.
   */
  setAlias(
    model: string,
    name: AliasName,
    version: number,
    ifMatch: string | null,
    reason?: string,
    trial?: ChallengerTrial,
  ): Promise<Stored<Alias>>;
  /**
   * Removes the alias when its ETag is still `ifMatch` (a 'conflict' when it moved); true when
   * it was removed, false when there was none.
   */
  deleteAlias(model: string, name: AliasName, ifMatch: string): Promise<boolean>;
}
