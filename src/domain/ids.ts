import { createHash } from 'node:crypto';

/**
 * The training run id: derived from the dataset blob's name and ETag, so a re-fired trigger for
 * the same blob finds the same run (and does nothing twice) while a changed blob starts a new one.
 */
export function runIdFor(blobName: string, etag: string): string {
  const digest = createHash('sha256')
    .update(`${blobName}\n${etag.replace(/"/g, '')}`)
    .digest('hex');
  return `run-${digest.slice(0, 24)}`;
}

/** Hex sha256 of a buffer: artifact and dataset fingerprints, and the artifact's HTTP ETag. */
export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The idempotency key of a step's message (Service Bus duplicate detection drops a second send
 * of it): the step and run, hashed with the model so it stays within the 128-character limit.
 */
export function stepMessageId(step: 'validate' | 'register', model: string, runId: string): string {
  const digest = createHash('sha256').update(`${model}\n${runId}`).digest('hex');
  return `${step}-${digest.slice(0, 32)}`;
}
