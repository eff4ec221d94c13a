import type { MonitoringDocument } from '../../domain/documents';
import type { Page, PageRequest } from '../../domain/page';
import type { Stored } from './stored';

/**
 * Monitoring records (drift reports, checkpoints, retrain records, feedback), each with the
 * body type its writer gives; readers parse the body of the kind they list.
 */
export interface MonitoringStore {
  /**
   * Stores a record: without ifMatch, create or replace; with an ETag, only the state read
   * (compare-and-swap); with null, create only. A lost race is a 'conflict'.
   */
  putMonitoring<B>(
    doc: MonitoringDocument<B>,
    options?: { ifMatch?: string | null },
  ): Promise<Stored<MonitoringDocument<B>>>;
  /** One record by id, with its ETag. */
  getMonitoring(model: string, id: string): Promise<Stored<MonitoringDocument> | undefined>;
  /** Of one kind, newest first. */
  listMonitoring(model: string, kind: string, page?: PageRequest): Promise<Page<MonitoringDocument>>;
}
