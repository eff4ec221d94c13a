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

/**
 * The checkpoint a stored record holds, read field by field: a record that is not one (written by
 * hand, or by another release) is none, so the next check starts from the version's creation.
 */
export function readCheckpoint(doc: MonitoringDocument | undefined): Checkpoint | undefined {
  const b = doc?.body as Partial<Record<keyof Checkpoint, unknown>> | null | undefined;
  if (!b || typeof b.to !== 'string' || typeof b.version !== 'number') return undefined;
  return {
    to: b.to,
    version: b.version,
    ...(typeof b.status === 'string' && { status: b.status as DriftStatus }),
    ...(typeof b.reportId === 'string' && { reportId: b.reportId }),
  };
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
