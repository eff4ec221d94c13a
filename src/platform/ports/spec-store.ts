import type { ModelSpecDocument } from '../../domain/documents';
import type { JsonValue } from '../../domain/json';
import type { Stored } from './stored';

/** The model spec as last accepted by `PUT /spec` (model.json in the datasets container is the other source). */
export interface SpecStore {
  getSpec(model: string): Promise<Stored<ModelSpecDocument> | undefined>;
  /**
   * Creates or replaces the spec; with ifMatch, only the one the caller read; with ifNoneMatch
   * '*', only when there is none yet. A lost race is a 'conflict'.
   */
  putSpec(model: string, spec: JsonValue, options?: SpecWriteCondition): Promise<Stored<ModelSpecDocument>>;
}

/** What a spec write requires of the stored spec: unchanged since read, or absent. */
export interface SpecWriteCondition {
  readonly ifMatch?: string;
  readonly ifNoneMatch?: '*';
}
