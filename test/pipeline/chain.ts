// Drives train → validate → register in-process on the memory ports, as the triggers would.
import { runIdFor } from '../../src/domain/ids';
import { registerRequestSchema, validateRequestSchema } from '../../src/domain/messages';
import { registerVersion, type RegisterOutcome } from '../../src/pipeline/register/register-version';
import type { DataDrop } from '../../src/domain/data-drop';
import { trainOnDataDrop } from '../../src/pipeline/train/train-on-data-drop';
import { validateCandidate } from '../../src/pipeline/validate/validate-candidate';
import type { RegisterRequest } from '../../src/domain/messages';
import type { MemoryDeps } from './memory-ports';

/**
 * Drops `csv` as `{model}/{name}` and trains it (as a drop a retrain assembled when `retrain` is
 * given); returns the run id.
 */
export async function trainDrop(
  deps: MemoryDeps,
  model: string,
  name: string,
  csv: string,
  retrain?: DataDrop['retrain'],
): Promise<string> {
  const content = Buffer.from(csv);
  const blobName = `${model}/${name}`;
  const info = await deps.memory.blobs.upload('datasets', blobName, content);
  const runId = runIdFor(blobName, info.etag);
  await trainOnDataDrop(deps, {
    model,
    name,
    blobName,
    etag: info.etag,
    size: content.length,
    content,
    runId,
    ...(retrain && { retrain }),
  });
  return runId;
}

/** Validates the run's candidate; returns the register message it sent. */
export async function validateRun(deps: MemoryDeps, runId: string): Promise<RegisterRequest> {
  const request = deps.memory.sent.find((s) => s.queue === 'validate-requests' && s.message.runId === runId);
  await validateCandidate(deps, validateRequestSchema.parse(request?.message));
  const sent = deps.memory.sent
    .filter((s) => s.queue === 'register-requests' && s.message.runId === runId)
    .at(-1);
  return registerRequestSchema.parse(sent?.message);
}

export async function registerRun(deps: MemoryDeps, request: RegisterRequest): Promise<RegisterOutcome> {
  return registerVersion(deps, request);
}
