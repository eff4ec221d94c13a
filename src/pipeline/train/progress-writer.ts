import type { PipelineDeps } from '../pipeline-deps';
import { updateRun } from '../../domain/run-record';
import type { FitProgress } from './fit-dataset';

/**
 * Writes training progress to the run one write at a time; an update arriving while one is in
 * flight is skipped (the next one carries newer figures). flush() waits and reports a failed write.
 */
export function progressWriter(
  deps: Pick<PipelineDeps, 'registry'>,
  model: string,
  runId: string,
): { write(p: FitProgress): void; flush(): Promise<void> } {
  let inFlight: Promise<unknown> = Promise.resolve();
  let busy = false;
  let failed: unknown;
  return {
    write(p: FitProgress): void {
      if (busy) return;
      busy = true;
      inFlight = updateRun(deps, model, runId, {
        stage: p.stage,
        progress: p.progress,
        ...(p.rowsRead !== undefined ? { rowsRead: p.rowsRead } : {}),
        ...(p.iterations !== undefined ? { iterations: p.iterations } : {}),
      })
        .catch((err: unknown) => {
          failed = err;
        })
        .finally(() => {
          busy = false;
        });
    },
    async flush(): Promise<void> {
      await inFlight;
      if (failed !== undefined) throw failed;
    },
  };
}
