import type { ModelSummary } from '../../domain/documents';

/** The models the registry knows. */
export interface ModelCatalog {
  /** Every model with at least one version, spec or run (with the newest run), in name order. */
  listModels(): Promise<ModelSummary[]>;
}
