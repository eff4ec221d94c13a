import { AppError } from '../../errors';
import type { MonitoringStore } from '../../platform/ports/monitoring-store';
import {
  fromRetrainDocument,
  RETRAIN_RECORD_ID,
  toRetrainDocument,
  type RetrainRecord,
} from './retrain-record';

/**
 * Records what the consumer did with a retrain request on the model's `retrain:last` record, if
 * that record is still about this request (ETag compare-and-swap; a newer claim wins). A manual
 * ask is honoured inside the cooldown once this says the last one was handled.
 */
export async function settleRetrainRecord(
  registry: Pick<MonitoringStore, 'getMonitoring' | 'putMonitoring'>,
  request: { model: string; requestedAt: string },
  outcome: Pick<RetrainRecord, 'state' | 'blobName' | 'failure'>,
): Promise<void> {
  const doc = await registry.getMonitoring(request.model, RETRAIN_RECORD_ID);
  const record = fromRetrainDocument(doc);
  if (!doc?.etag || !record || record.requestedAt !== request.requestedAt) return;
  if (record.state === outcome.state && record.blobName === outcome.blobName) return;
  try {
    await registry.putMonitoring(toRetrainDocument(request.model, { ...record, ...outcome }), {
      ifMatch: doc.etag,
    });
  } catch (err) {
    if (!(err instanceof AppError && err.category === 'conflict')) throw err;
  }
}
