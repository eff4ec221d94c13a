import type { ModelVersion } from '../../domain/model-version';
import { LOSING_OUTCOMES } from '../../domain/trial';
import type { VersionStore } from '../../platform/ports/version-store';

/** Versions read, newest first, looking for the streak: far more than any limit needs. */
const MAX_SCANNED = 200;

/**
 * Why automatic retraining of the model is halted, or undefined: the newest
 * `maxConsecutiveLosses` challengers from automatic retrains all lost their trials (lost, expired
 * or failed to load) with nothing else in between. A version from a data drop, a retrain asked
 * by hand or a challenger that won or was retired by hand ends the streak, so any of them
 * resumes automatic retraining.
 */
export async function retrainHalt(
  registry: Pick<VersionStore, 'listVersions'>,
  model: string,
  maxConsecutiveLosses: number,
): Promise<string | undefined> {
  const losses: string[] = [];
  let scanned = 0;
  let token: string | undefined;
  do {
    const page = await registry.listVersions(model, {
      pageSize: 50,
      ...(token !== undefined && { continuationToken: token }),
    });
    for (const v of page.items) {
      if (++scanned > MAX_SCANNED) return undefined;
      const step = streakStep(v);
      if (step === 'skip') continue;
      if (step === 'end') return undefined;
      losses.push(`v${v.version} ${v.trial!.outcome!}`);
      if (losses.length >= maxConsecutiveLosses) {
        return (
          `automatic retraining is stopped: the last ${losses.length} challengers from automatic retrains lost their trials ` +
          `(${losses.join(', ')}; retrain.maxConsecutiveLosses ${maxConsecutiveLosses}); ` +
          'a new data drop or a retrain asked by hand resumes it'
        );
      }
    }
    token = page.continuationToken;
  } while (token !== undefined);
  return undefined;
}

function streakStep(v: ModelVersion): 'loss' | 'skip' | 'end' {
  // Still being trained or judged, or rejected by its gates: no trial to count either way.
  if (v.status === 'candidate' || v.status === 'rejected') return 'skip';
  const automatic = v.lineage?.retrain !== undefined && v.lineage.retrain.trigger !== 'manual';
  if (!automatic) return 'end';
  const outcome = v.trial?.origin === 'retrain' ? v.trial.outcome : undefined;
  if (outcome === undefined) return v.status === 'challenger' ? 'skip' : 'end';
  return LOSING_OUTCOMES.has(outcome) ? 'loss' : 'end';
}
