import { AppError } from '../../errors';
import { isFinished } from '../../domain/run-record';
import type { MonitoringStore } from '../../platform/ports/monitoring-store';
import type { RunStore } from '../../platform/ports/run-store';

/** The kind of the record that reserves training one dataset with one spec. */
export const TRAINING_CLAIM_KIND = 'training_claim';

interface ClaimBody {
  readonly runId: string;
  readonly claimedAt: string;
}

/** Training of this data and spec is this run's, or another run's that is still training it. */
export type ClaimOutcome = { readonly kind: 'claimed' } | { readonly kind: 'taken'; readonly runId: string };

/**
 * A claim older than this whose run never finished is taken over: that run's process died
 * (a run lives at most the host's functionTimeout, with its retries, well within it).
 */
export const CLAIM_LEASE_MS = 60 * 60_000;

const isConflict = (err: unknown): boolean => err instanceof AppError && err.category === 'conflict';

/**
 * Reserves training `datasetSha256` with `specSha256` for `runId` with a create-only record, so
 * of two identical drops arriving together exactly one trains (the other finds no version yet,
 * as the twin check reads before either registers one). A claim whose run failed, or never
 * finished within CLAIM_LEASE_MS, is taken over by compare-and-swap; the same run again (a
 * redelivery) keeps its claim.
 */
export async function claimTraining(
  registry: Pick<MonitoringStore, 'getMonitoring' | 'putMonitoring'> & Pick<RunStore, 'getRun'>,
  model: string,
  runId: string,
  datasetSha256: string,
  specSha256: string,
  now: Date = new Date(),
): Promise<ClaimOutcome> {
  const id = `${TRAINING_CLAIM_KIND}:${datasetSha256.slice(0, 32)}:${specSha256.slice(0, 32)}`;
  const doc = (ifMatch: string | null) =>
    registry.putMonitoring<ClaimBody>(
      {
        model,
        id,
        kind: TRAINING_CLAIM_KIND,
        createdAt: now.toISOString(),
        body: { runId, claimedAt: now.toISOString() },
      },
      { ifMatch },
    );
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await registry.getMonitoring(model, id);
    if (!current) {
      try {
        await doc(null);
        return { kind: 'claimed' };
      } catch (err) {
        if (isConflict(err)) continue;
        throw err;
      }
    }
    const body = current.body as Partial<ClaimBody> | null;
    const holder = body?.runId;
    if (holder === runId) return { kind: 'claimed' };
    const run = holder === undefined ? undefined : await registry.getRun(model, holder);
    const age = now.getTime() - Date.parse(body?.claimedAt ?? '');
    const abandoned = run?.status === 'failed' || (!isFinished(run) && !(age < CLAIM_LEASE_MS));
    // The holder is still at it (or succeeded: its version is what the twin check finds).
    if (holder !== undefined && run && !abandoned) return { kind: 'taken', runId: holder };
    try {
      await doc(current.etag);
      return { kind: 'claimed' };
    } catch (err) {
      if (!isConflict(err)) throw err;
    }
  }
  throw new AppError('conflict', 'claim_contention', `Training claims of ${model} kept changing; try again`);
}
