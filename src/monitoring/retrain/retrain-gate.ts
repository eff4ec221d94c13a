import { CLAIM_LEASE_MS, type RetrainRecord, type RetrainTrigger } from './retrain-record';

/** Whether a retrain may be asked now, given the model's last one. */
export type RetrainGate =
  | { readonly allowed: true; readonly resend?: RetrainRecord }
  | { readonly allowed: false; readonly reason: string; readonly nextAllowedAt: string };

/**
 * The cooldown policy, pure. At most one ask per cooldown, counted from the last ask sent.
 * Exceptions: a claim left unsent past its lease is sent again as it was (`resend`), and a
 * manual ask is honoured inside the cooldown once the last ask has been handled (its training
 * set assembled, or failed): a person asking by hand wants a run, unless one is still queued.
 */
export function retrainGate(
  last: RetrainRecord | undefined,
  trigger: RetrainTrigger,
  now: Date,
  cooldownMinutes: number,
): RetrainGate {
  if (!last || last.state === 'released') return { allowed: true };
  const t = now.getTime();
  const opened = Date.parse(last.requestedAt);
  const nextAllowedAt = new Date(opened + cooldownMinutes * 60_000).toISOString();
  if (last.state === 'claimed') {
    if (t - Date.parse(last.claimedAt) >= CLAIM_LEASE_MS) return { allowed: true, resend: last };
    return {
      allowed: false,
      reason: `a retrain asked at ${last.requestedAt} (${last.trigger}) is being sent`,
      nextAllowedAt,
    };
  }
  if (t >= Date.parse(nextAllowedAt)) return { allowed: true };
  if (trigger === 'manual' && (last.state === 'assembled' || last.state === 'failed'))
    return { allowed: true };
  const queued = last.state === 'sent' ? ' and is still queued' : '';
  return {
    allowed: false,
    reason: `cooldown: a retrain was asked at ${last.requestedAt} (${last.trigger}: ${last.reason})${queued}; at most one per ${cooldownMinutes} minutes, next allowed at ${nextAllowedAt}`,
    nextAllowedAt,
  };
}
