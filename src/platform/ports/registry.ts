import type { AliasStore } from './alias-store';
import type { ModelCatalog } from './model-catalog';
import type { MonitoringStore } from './monitoring-store';
import type { RunStore } from './run-store';
import type { SpecStore } from './spec-store';
import type { VersionStore } from './version-store';

/**
 * The model registry: the stores of each concern on one database. Use cases take the store
 * they need; the Cosmos adapter implements them all. Errors are AppErrors: 'conflict' for a
 * lost race (ETag mismatch, create of an existing record), 'not_found' for a missing model,
 * version or alias, 'unavailable' when the store is down.
 */
export interface Registry
  extends VersionStore, AliasStore, RunStore, SpecStore, MonitoringStore, ModelCatalog {
  /** Resolves when the store answers; an 'unavailable' AppError otherwise. */
  ping(): Promise<void>;
}
