import type { MonitoringDocument } from '../../domain/documents';
import { AppError } from '../../errors';
import type { MonitoringStore } from '../../platform/ports/monitoring-store';
import type { Stored } from '../../platform/ports/stored';
import type { DriftStatus } from './drift-record';
import { CHECKPOINT_KIND, DRIFT_CHECKPOINT_ID } from './drift-window';

/** What the checkpoint record holds: where the last check ended and what it found. */
export interface Checkpoint {
  to: string;
  version: number;
  status?: DriftStatus;
  reportId?: string;
}

/** Moves the checkpoint with compare-and-swap (create-only the first time); false on a lost race. */
export async function advanceCheckpoint(
  registry: Pick<MonitoringStore, 'putMonitoring'>,
  now: Date,
  model: string,
  stored: Stored<MonitoringDocument> | undefined,
  checkpoint: Checkpoint,
): Promise<boolean> {
  const doc: MonitoringDocument<Checkpoint> = {
    model,
    id: DRIFT_CHECKPOINT_ID,
    kind: CHECKPOINT_KIND,
    createdAt: now.toISOString(),
    body: checkpoint,
  };
  try {
    await registry.putMonitoring(doc, { ifMatch: stored?.etag ?? null });
    return true;
  } catch (err) {
    if (err instanceof AppError && err.category === 'conflict') return false;
    throw err;
  }
}
