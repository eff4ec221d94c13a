import type { ModelSpecDocument } from '../../domain/documents';
import type { JsonValue } from '../../domain/json';
import type { Stored } from './stored';

/** The model spec as last accepted by `PUT /spec` (model.json in the datasets container is the other source). */
export interface SpecStore {
  getSpec(model: string): Promise<Stored<ModelSpecDocument> | undefined>;
  putSpec(model: string, spec: JsonValue): Promise<Stored<ModelSpecDocument>>;
}
